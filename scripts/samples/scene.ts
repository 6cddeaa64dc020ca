import type { Random } from '../../core/util/random.js';
import { pick } from './draw.js';

/**
 * Flat, news-photo-like scenes drawn as SVG from a few parameters. Every image of the samples is one
 * of these (memes and thumbnails add their text over it), and the reference texts of PolitiFact are
 * written from the same parameters, so what they say about the picture is true.
 */

/** Scenes are drawn in this frame and scaled (cropped to fill) into whatever box they are shown in. */
const FRAME = { width: 400, height: 300, horizon: 200 } as const;

const COLOURS = {
  red: '#c0392b',
  blue: '#2e5fa8',
  green: '#3c8d4f',
  yellow: '#e5b82b',
  purple: '#7d4ea8',
  orange: '#e07b2a',
  grey: '#7f8790',
  white: '#e9e9e4',
} as const;
export type Colour = keyof typeof COLOURS;

const SKIES = {
  day: { name: 'clear blue daytime', top: '#5f9fdc', bottom: '#cfe6f7' },
  dusk: { name: 'orange evening', top: '#e0704a', bottom: '#f9d29d' },
  night: { name: 'dark night', top: '#0d1b3d', bottom: '#34497d' },
  overcast: { name: 'grey overcast', top: '#8e97a1', bottom: '#cdd2d7' },
} as const;
export type Sky = keyof typeof SKIES;

const TEXTURES = {
  smooth: { phrase: 'smooth and flat', pattern: '' },
  brick: {
    phrase: 'brick-like',
    pattern: '<path d="M0 0H24M0 6H24M6 0V6M18 6V12" stroke="#000" stroke-opacity=".3" stroke-width="1.2" fill="none"/>',
  },
  striped: { phrase: 'striped', pattern: '<rect width="12" height="12" fill="#fff" fill-opacity=".3"/>' },
  dotted: { phrase: 'dotted', pattern: '<circle cx="6" cy="6" r="2.5" fill="#fff" fill-opacity=".4"/><circle cx="18" cy="6" r="2.5" fill="#fff" fill-opacity=".4"/>' },
} as const;
export type Texture = keyof typeof TEXTURES;

export interface Scene {
  readonly setting: SettingId;
  readonly sky: Sky;
  /** Colour of the scene's main structure (podium, building, stage...). */
  readonly colour: Colour;
  /** Surface pattern of the main structure. */
  readonly texture: Texture;
  readonly people: number;
}

/** Fills a shape in the scene's colour, then overlays its texture. */
type Paint = (shape: (fill: string) => string) => string;

interface Setting {
  /** Indoor scenes have walls instead of a sky; some outdoor ones always happen at one time of day. */
  readonly sky: 'indoor' | 'any' | Sky;
  readonly ground: string;
  /** The textured, coloured structure, named in the description. */
  readonly structure: string;
  readonly subject: (colour: Colour) => string;
  /** The reference social-context sentence. */
  readonly context: string;
  /** Where people stand (baseline y, size), or none for scenes that have nobody in them. */
  readonly crowd?: { readonly y: number; readonly scale: number };
  readonly draw: (paint: Paint) => string;
}

/** The word with its indefinite article. */
const an = (word: string) => `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;

// ---- shapes in the 400x300 frame ----

const rect = (x: number, y: number, width: number, height: number, fill: string, extra = '') =>
  `<rect x="${x}" y="${y}" width="${width}" height="${height}" fill="${fill}"${extra}/>`;

const SKIN = ['#e0b48a', '#8d5a3b', '#c68b5e', '#f1c9a5'];
const CLOTHES = ['#2c3e50', '#8e2b2b', '#3d6b45', '#5a4a7a', '#b06d1f', '#34495e'];

function person(x: number, y: number, scale: number, index: number): string {
  const s = scale;
  return `<circle cx="${x}" cy="${y - 52 * s}" r="${8 * s}" fill="${SKIN[index % SKIN.length]}"/>` +
    rect(x - 10 * s, y - 44 * s, 20 * s, 44 * s, CLOTHES[index % CLOTHES.length]!, ` rx="${6 * s}"`);
}

function people(count: number, crowd: Setting['crowd']): string {
  if (!crowd) return '';
  return Array.from({ length: count }, (_, i) => person(Math.round(((i + 1) * FRAME.width) / (count + 1)), crowd.y, crowd.scale, i)).join('');
}

function flag(x: number, top: number): string {
  const stripes = [0, 1, 2, 3, 4].map((i) => rect(x, top + i * 5.2, 40, 2.6, '#b22234')).join('');
  return `<line x1="${x}" y1="${top}" x2="${x}" y2="${FRAME.horizon + 10}" stroke="#555" stroke-width="2"/>` +
    rect(x, top, 40, 26, '#fff') + stripes + rect(x, top, 16, 13, '#3c3b6e');
}

function windows(x: number, y: number, columns: number, rows: number, lit: string): string {
  let out = '';
  for (let c = 0; c < columns; c++) for (let r = 0; r < rows; r++) out += rect(x + 6 + c * 14, y + 8 + r * 16, 7, 9, lit);
  return out;
}

const tree = (x: number, y: number, scale: number) =>
  rect(x - 3 * scale, y - 20 * scale, 6 * scale, 20 * scale, '#6b4a2b') + `<circle cx="${x}" cy="${y - 32 * scale}" r="${16 * scale}" fill="#2f6d37"/>`;

const sun = (x: number, y: number, r: number) => `<circle cx="${x}" cy="${y}" r="${r}" fill="#f7d046"/>`;

const podium = (paint: Paint, x: number) =>
  paint((fill) => `<path d="M${x - 30} 170H${x + 30}L${x + 24} 245H${x - 24}Z" fill="${fill}"/>`) +
  rect(x - 34, 164, 68, 8, '#4a3a2a');

const turbine = (x: number, top: number) =>
  `<line x1="${x}" y1="${top}" x2="${x}" y2="${FRAME.horizon}" stroke="#f4f4f4" stroke-width="4"/>` +
  `<path d="M${x} ${top}L${x - 4} ${top - 40}M${x} ${top}L${x + 36} ${top + 18}M${x} ${top}L${x - 32} ${top + 22}" stroke="#f4f4f4" stroke-width="4" stroke-linecap="round"/>`;

const SETTINGS = {
  rally: {
    sky: 'any',
    ground: '#8a8a80',
    structure: 'podium',
    subject: (c) => `${an(c)} speaker's podium between two striped flags`,
    context: 'A political rally: a candidate speaks from a podium decked with national flags to a crowd of supporters.',
    crowd: { y: 300, scale: 1.1 },
    draw: (paint) => rect(0, 120, 400, 80, '#9aa0a8') + flag(100, 90) + flag(300, 90) + podium(paint, 200),
  },
  capitol: {
    sky: 'any',
    ground: '#9c9a8f',
    structure: 'building',
    subject: (c) => `${an(c)} government building with columns and a dome`,
    context: 'A legislature building with a dome and columns, where lawmakers meet and pass laws.',
    crowd: { y: 250, scale: 0.6 },
    draw: (paint) =>
      `<ellipse cx="200" cy="95" rx="42" ry="36" fill="#ecebe4"/>` + rect(150, 95, 100, 25, '#dcdad2') + flag(200, 30) +
      paint((fill) => rect(80, 120, 240, 85, fill)) + `<path d="M70 122L200 92L330 122Z" fill="#d8d6ce"/>` +
      [0, 1, 2, 3, 4, 5].map((i) => rect(98 + i * 40, 128, 10, 77, '#f2f1ec')).join('') +
      rect(60, 205, 280, 8, '#bdbab0') + rect(40, 213, 320, 8, '#aeaba0'),
  },
  'press-room': {
    sky: 'indoor',
    ground: '#6e5a44',
    structure: 'wall',
    subject: (c) => `${an(c)} briefing-room wall with a round gold seal behind a lectern`,
    context: 'An official press briefing room, where a government spokesperson answers reporters.',
    crowd: { y: 300, scale: 1.2 },
    draw: (paint) =>
      paint((fill) => rect(0, 0, 400, 230, fill)) + `<circle cx="200" cy="85" r="42" fill="#c9a23a"/><circle cx="200" cy="85" r="30" fill="#1f3b6e"/>` +
      podium((shape) => shape('#5b4330'), 200),
  },
  skyline: {
    sky: 'any',
    ground: '#707070',
    structure: 'towers',
    subject: (c) => `tall ${c} office towers with rows of windows`,
    context: 'The financial district of a big city, home to banks, markets and company headquarters.',
    crowd: { y: 290, scale: 0.8 },
    draw: (paint) =>
      [[20, 80, 60], [90, 40, 70], [170, 100, 55], [235, 55, 75], [320, 90, 60]]
        .map(([x, top, width]) => paint((fill) => rect(x!, top!, width!, FRAME.horizon - top!, fill)) + windows(x!, top!, Math.floor(width! / 14), Math.floor((FRAME.horizon - top!) / 16) - 1, '#f3e9b5'))
        .join(''),
  },
  hospital: {
    sky: 'any',
    ground: '#8f8f86',
    structure: 'building',
    subject: (c) => `${an(c)} hospital building with a red cross sign and an ambulance`,
    context: 'A town hospital, where patients are treated and health policy meets everyday care.',
    crowd: { y: 285, scale: 0.8 },
    draw: (paint) =>
      paint((fill) => rect(60, 70, 280, 135, fill)) + windows(60, 110, 20, 5, '#dbeaf3') +
      rect(176, 78, 48, 30, '#fff') + rect(194, 81, 12, 24, '#d22') + rect(188, 87, 24, 12, '#d22') +
      rect(250, 215, 90, 42, '#f5f5f5', ' rx="6"') + rect(250, 232, 90, 6, '#d22') +
      `<circle cx="270" cy="258" r="8" fill="#222"/><circle cx="322" cy="258" r="8" fill="#222"/>`,
  },
  'wind-farm': {
    sky: 'any',
    ground: '#4f8f3f',
    structure: 'farmhouse',
    subject: (c) => `white wind turbines on green hills beside ${an(c)} farmhouse`,
    context: 'Open countryside with wind turbines, a familiar image in debates about energy and climate.',
    crowd: { y: 285, scale: 0.7 },
    draw: (paint) =>
      sun(60, 55, 24) + `<path d="M0 205Q100 150 200 200T400 190V300H0Z" fill="#5fa04c"/>` +
      turbine(150, 90) + turbine(250, 70) + turbine(340, 105) +
      paint((fill) => rect(40, 180, 70, 45, fill)) + `<path d="M34 182L75 150L116 182Z" fill="#6b3b2b"/>`,
  },
  street: {
    sky: 'any',
    ground: '#5f6360',
    structure: 'houses',
    subject: (c) => `a row of ${c} houses along a street with a parked car and trees`,
    context: 'An ordinary residential street in a small town.',
    crowd: { y: 262, scale: 0.8 },
    draw: (paint) =>
      [30, 150, 270]
        .map((x) => paint((fill) => rect(x, 130, 100, 75, fill)) + `<path d="M${x - 8} 132L${x + 50} 95L${x + 108} 132Z" fill="#5d3a2e"/>` + rect(x + 40, 170, 20, 35, '#4a3222'))
        .join('') +
      tree(138, 205, 1) + tree(262, 205, 0.9) + rect(0, 262, 400, 38, '#3b3e3d') +
      rect(250, 240, 80, 24, '#2e5fa8', ' rx="8"') + `<circle cx="268" cy="266" r="7" fill="#111"/><circle cx="312" cy="266" r="7" fill="#111"/>`,
  },
  beach: {
    sky: 'day',
    ground: '#e8d39a',
    structure: 'parasol',
    subject: (c) => `a sandy beach by the sea with ${an(c)} parasol`,
    context: 'A seaside beach on a holiday, a place of leisure and tourism.',
    crowd: { y: 285, scale: 0.8 },
    draw: (paint) =>
      sun(320, 60, 28) + rect(0, 165, 400, 40, '#2f7fb5') + rect(0, 165, 400, 5, '#7fc0e6') +
      `<line x1="120" y1="180" x2="120" y2="265" stroke="#555" stroke-width="3"/>` +
      paint((fill) => `<path d="M60 185Q120 130 180 185Z" fill="${fill}"/>`) + rect(150, 250, 70, 18, '#e35d6a'),
  },
  concert: {
    sky: 'night',
    ground: '#1c1c22',
    structure: 'stage',
    subject: (c) => `${an(c)} concert stage lit by spotlights`,
    context: 'A live concert, with a performer on a lit stage in front of a cheering audience.',
    crowd: { y: 300, scale: 1.2 },
    draw: (paint) =>
      `<path d="M60 0L20 230H120ZM200 0L150 230H250ZM340 0L280 230H380Z" fill="#fff6b0" fill-opacity=".35"/>` +
      paint((fill) => rect(30, 170, 340, 60, fill)) + rect(40, 120, 40, 50, '#111') + rect(320, 120, 40, 50, '#111') + person(200, 170, 1, 3),
  },
  'red-carpet': {
    sky: 'indoor',
    ground: '#3a3030',
    structure: 'backdrop',
    subject: (c) => `a red carpet in front of ${an(c)} backdrop, with camera flashes`,
    context: 'A red-carpet film premiere, where celebrities pose for photographers.',
    crowd: { y: 255, scale: 1 },
    draw: (paint) =>
      paint((fill) => rect(0, 0, 400, 230, fill)) + `<path d="M150 230H250L330 300H70Z" fill="#b3122a"/>` +
      [[40, 60], [360, 40], [330, 150], [70, 170]].map(([x, y]) => `<circle cx="${x}" cy="${y}" r="10" fill="#fff"/><circle cx="${x}" cy="${y}" r="22" fill="#fff" fill-opacity=".35"/>`).join(''),
  },
  stadium: {
    sky: 'any',
    ground: '#3f8a3a',
    structure: 'stands',
    subject: (c) => `a stadium with ${c} stands around a green pitch`,
    context: 'A sports stadium on match day, with fans in the stands.',
    crowd: { y: 275, scale: 0.6 },
    draw: (paint) =>
      rect(0, 60, 400, 12, '#555') + paint((fill) => rect(0, 72, 400, 128, fill)) +
      [0, 1, 2, 3].map((i) => rect(i * 100, 200, 50, 100, '#47964a')).join('') +
      `<path d="M170 225H230V255M170 225V255" stroke="#fff" stroke-width="3" fill="none"/>`,
  },
  studio: {
    sky: 'indoor',
    ground: '#7a5c3e',
    structure: 'wall',
    subject: (c) => `a desk with a glowing monitor in front of ${an(c)} wall`,
    context: "A video creator's home studio, where content for an online audience is recorded.",
    crowd: { y: 300, scale: 1.1 },
    draw: (paint) =>
      paint((fill) => rect(0, 0, 400, 215, fill)) + rect(40, 60, 90, 8, '#5b4330') + rect(270, 60, 90, 8, '#5b4330') +
      rect(130, 95, 140, 85, '#111', ' rx="6"') + rect(138, 103, 124, 69, '#36c6e0') + rect(190, 180, 20, 20, '#222') +
      rect(60, 200, 280, 14, '#4e3826'),
  },
  forest: {
    sky: 'any',
    ground: '#2f5a2a',
    structure: 'cabin',
    subject: (c) => `tall trees around a small ${c} cabin`,
    context: 'A quiet forest far from any town.',
    draw: (paint) =>
      [20, 75, 300, 355, 385].map((x, i) => tree(x, 215 + (i % 2) * 20, 1.6)).join('') +
      paint((fill) => rect(150, 165, 100, 60, fill)) + `<path d="M140 168L200 128L260 168Z" fill="#4a2e20"/>` + rect(190, 195, 20, 30, '#3a2416'),
  },
} as const satisfies Record<string, Setting>;
export type SettingId = keyof typeof SETTINGS;

function paintWith(scene: Scene): Paint {
  const texture = scene.texture === 'smooth' ? '' : 'url(#texture)';
  return (shape) => shape(COLOURS[scene.colour]) + (texture ? shape(texture) : '');
}

/** The sky the scene is drawn under: a setting bound to one time of day overrides the scene's. */
function skyOf(scene: Scene): Sky | undefined {
  const { sky } = SETTINGS[scene.setting];
  return sky === 'indoor' ? undefined : sky === 'any' ? scene.sky : sky;
}

/** The scene as an SVG element filling the box (x, y, width, height), cropped to keep its proportions. */
export function sceneSvg(scene: Scene, box: { x: number; y: number; width: number; height: number }): string {
  const setting: Setting = SETTINGS[scene.setting];
  const sky = skyOf(scene);
  const skyColours = sky ? SKIES[sky] : { top: '#d9d4c7', bottom: '#d9d4c7' };
  const pattern = TEXTURES[scene.texture].pattern;
  const defs =
    `<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${skyColours.top}"/><stop offset="1" stop-color="${skyColours.bottom}"/></linearGradient>` +
    (pattern ? `<pattern id="texture" width="24" height="12" patternUnits="userSpaceOnUse">${pattern}</pattern>` : '');
  return `<svg x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" viewBox="0 0 ${FRAME.width} ${FRAME.height}" preserveAspectRatio="xMidYMid slice">` +
    `<defs>${defs}</defs>` +
    rect(0, 0, FRAME.width, FRAME.horizon, 'url(#sky)') + rect(0, FRAME.horizon, FRAME.width, FRAME.height - FRAME.horizon, setting.ground) +
    setting.draw(paintWith(scene)) + people(scene.people, setting.crowd) +
    '</svg>';
}

const NUMBERS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];

/** What the picture shows, written from the parameters that drew it: the reference image description. */
export function describeScene(scene: Scene): string {
  const setting: Setting = SETTINGS[scene.setting];
  const subject = setting.subject(scene.colour);
  const who = scene.people > 0 ? `, with ${NUMBERS[scene.people]} ${scene.people === 1 ? 'person' : 'people'} in front` : '';
  const sky = skyOf(scene);
  const where = sky ? `, under ${an(SKIES[sky].name)} sky` : ', indoors';
  return `${subject[0]!.toUpperCase()}${subject.slice(1)}${who}${where}. The texture of the ${setting.structure} is ${TEXTURES[scene.texture].phrase}.`;
}

/** The cultural and social setting of the scene: the reference social-context text. */
export function sceneContext(scene: Scene): string {
  return SETTINGS[scene.setting].context;
}

/** A scene of one of `settings`, its other parameters drawn at random. */
export function randomScene(random: Random, settings: readonly SettingId[]): Scene {
  const setting = pick(random, settings);
  const { crowd }: Setting = SETTINGS[setting];
  return {
    setting,
    sky: pick(random, Object.keys(SKIES) as Sky[]),
    colour: pick(random, Object.keys(COLOURS) as Colour[]),
    texture: pick(random, Object.keys(TEXTURES) as Texture[]),
    people: crowd ? random.int(0, 6) : 0,
  };
}
