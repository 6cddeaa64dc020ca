// The sample browser of report.html: filters, search, paging and the detail of one sample. Plain
// browser JavaScript without dependencies, inlined into the page (it must work offline). Data goes
// into the page as textContent and attributes only, never as markup.
(() => {
  'use strict';
  const PAGE_SIZE = 50;
  // A task with more distinct gold values than this has free-text answers (OCR), not classes.
  const MAX_CLASSES = 40;
  const SEARCH_DELAY_MS = 200;
  const STATUS_GROUPS = { correct: ['correct'], wrong: ['wrong', 'invalid'], invalid: ['invalid'], failed: ['failed', 'skipped'] };

  const data = JSON.parse(document.getElementById('samples-data').textContent);
  const col = Object.fromEntries(data.columns.map((name, i) => [name, i]));
  const $ = (id) => document.getElementById(id);
  const filters = { task: $('f-task'), model: $('f-model'), status: $('f-status'), gold: $('f-class'), search: $('f-search') };
  const tbody = document.querySelector('#sample-table tbody');
  const detail = $('detail');
  const haystacks = new Array(data.rows.length);
  let shown = [];
  let page = 0;
  let selected = -1;

  const make = (tag, className, content) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  };
  const addOption = (select, value, label) => {
    const option = make('option', '', label);
    option.value = value;
    select.append(option);
  };
  const promptOf = (row) => (row[col.prompt] >= 0 ? data.prompts[row[col.prompt]] : '');

  // Built on first search: most visits never search, and 20,000 joined strings are not free.
  const haystack = (index) => {
    if (haystacks[index] === undefined) {
      const row = data.rows[index];
      haystacks[index] = [row[col.id], row[col.output], row[col.prediction], row[col.gold], row[col.error] || '', promptOf(row)].join('\n').toLowerCase();
    }
    return haystacks[index];
  };

  function fillClasses() {
    const task = filters.task.value;
    const golds = new Set();
    for (const row of data.rows) {
      if (task !== '' && row[col.task] !== Number(task)) continue;
      if (row[col.gold] !== '') golds.add(row[col.gold]);
      if (golds.size > MAX_CLASSES) break;
    }
    const kept = filters.gold.value;
    const freeText = golds.size > MAX_CLASSES;
    filters.gold.replaceChildren();
    addOption(filters.gold, '', freeText ? 'all (free text)' : 'all');
    if (!freeText) [...golds].sort().forEach((gold) => addOption(filters.gold, gold, gold));
    filters.gold.disabled = freeText;
    filters.gold.value = !freeText && golds.has(kept) ? kept : '';
  }

  function apply() {
    const task = filters.task.value;
    const model = filters.model.value;
    const gold = filters.gold.value;
    const statuses = STATUS_GROUPS[filters.status.value];
    const query = filters.search.value.trim().toLowerCase();
    shown = [];
    data.rows.forEach((row, index) => {
      if (task !== '' && row[col.task] !== Number(task)) return;
      if (model !== '' && row[col.model] !== Number(model)) return;
      if (statuses && !statuses.includes(row[col.status])) return;
      if (gold !== '' && row[col.gold] !== gold) return;
      if (query && !haystack(index).includes(query)) return;
      shown.push(index);
    });
    page = 0;
    render();
  }

  function thumbnail(row, className) {
    const index = row[col.thumbnail];
    if (index < 0) {
      const placeholder = make('div', `${className} placeholder`);
      placeholder.title = 'no thumbnail embedded';
      return placeholder;
    }
    const image = make('img', className);
    image.src = data.thumbnails[index];
    image.alt = `image of sample ${row[col.id]}`;
    return image;
  }

  function render() {
    const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
    page = Math.max(0, Math.min(page, pages - 1));
    const rows = shown.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE).map((index) => {
      const row = data.rows[index];
      const tr = make('tr', index === selected ? 'selected' : '');
      tr.dataset.index = String(index);
      const cells = [
        thumbnail(row, 'thumb'),
        data.tasks[row[col.task]],
        data.models[row[col.model]],
        row[col.id],
        make('span', `status ${row[col.status]}`, row[col.status]),
        row[col.output],
        row[col.prediction],
        row[col.gold],
      ];
      for (const content of cells) {
        const td = make('td', '', typeof content === 'string' ? content : undefined);
        if (typeof content === 'string') td.title = content;
        else td.append(content);
        tr.append(td);
      }
      return tr;
    });
    tbody.replaceChildren(...rows);
    $('sample-count').textContent = `${shown.length} of ${data.rows.length} samples`;
    $('page-info').textContent = `Page ${page + 1} / ${pages}`;
    $('page-prev').disabled = page === 0;
    $('page-next').disabled = page >= pages - 1;
  }

  function show(index) {
    selected = index;
    const row = data.rows[index];
    const list = make('dl');
    const field = (label, value, preformatted) => {
      if (value === '' || value === null || value === undefined) return;
      const dd = make('dd');
      dd.append(preformatted ? make('pre', '', String(value)) : String(value));
      list.append(make('dt', '', label), dd);
    };
    const tokens = row[col.promptTokens] === null && row[col.completionTokens] === null
      ? ''
      : `${row[col.promptTokens] ?? '?'} prompt + ${row[col.completionTokens] ?? '?'} completion`;
    field('Answer', row[col.status]);
    field('Prompt', promptOf(row) || '(not in this report: the dataset was not re-read)', true);
    field('Raw output', row[col.output] || '(none)', true);
    field('Parsed', row[col.prediction] || '(nothing readable)');
    field('Gold', row[col.gold]);
    field('Error', row[col.error], true);
    field('Judge grade', row[col.judge]);
    field('Latency', `${row[col.latencyMs]} ms`);
    field('Tokens', tokens);
    const heading = make('h3', '', `${data.tasks[row[col.task]]} · ${data.models[row[col.model]]} · ${row[col.id]}`);
    detail.replaceChildren(heading, thumbnail(row, 'large'), list);
    detail.hidden = false;
    for (const tr of tbody.children) tr.classList.toggle('selected', tr.dataset.index === String(index));
  }

  data.tasks.forEach((task, i) => addOption(filters.task, String(i), task));
  data.models.forEach((model, i) => addOption(filters.model, String(i), model));
  filters.task.addEventListener('change', () => {
    fillClasses();
    apply();
  });
  for (const select of [filters.model, filters.status, filters.gold]) select.addEventListener('change', apply);
  let searchTimer;
  filters.search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(apply, SEARCH_DELAY_MS);
  });
  $('page-prev').addEventListener('click', () => {
    page--;
    render();
  });
  $('page-next').addEventListener('click', () => {
    page++;
    render();
  });
  tbody.addEventListener('click', (event) => {
    const tr = event.target.closest('tr');
    if (tr) show(Number(tr.dataset.index));
  });
  fillClasses();
  apply();
})();
