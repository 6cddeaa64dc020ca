/** Environment variables, behind an interface so tests can give a process its own. */
export interface Env {
  get(name: string): string | undefined;
}

export const processEnv: Env = { get: (name) => process.env[name] };
