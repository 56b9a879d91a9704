/**
 * One table per subcommand: the options `parseArgs` reads and the `--help` line each gets, so an
 * option cannot be parsed without being documented (`bisect-report COMMAND --help`).
 */

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  default?: string | boolean | string[];
  multiple?: boolean;
  /** The value's name in the help (REV, N); string options only. */
  value?: string;
  /** One line: what it does, and its default. */
  help: string;
}

export interface CommandSpec<O extends Record<string, OptionSpec>> {
  /** After `usage: `, e.g. `bisect-report run [--runs N] -- COMMAND [ARGS...]`. */
  usage: string;
  /** What the command does, in a sentence or two. */
  about: string;
  options: O;
  /** The names of the options this command's help lists (default: all). */
  listed?: readonly string[];
  /** Lines after the options: exit status, where the docs are. */
  notes?: readonly string[];
}

type ParseOptions<O extends Record<string, OptionSpec>> = {
  [K in keyof O]: Omit<O[K], 'help' | 'value'>;
};

/** The `options` of `parseArgs` from a table (without the help texts). */
export function parseOptions<O extends Record<string, OptionSpec>>(options: O): ParseOptions<O> {
  const out: Record<string, Omit<OptionSpec, 'help' | 'value'>> = {};
  for (const [name, spec] of Object.entries(options)) {
    const { help: _help, value: _value, ...parse } = spec;
    out[name] = parse;
  }
  return out as ParseOptions<O>;
}

export function usageLine(spec: { usage: string }): string {
  return `usage: ${spec.usage}\n`;
}

/** `--flag VALUE` or `-x, --flag VALUE`, as the help shows it. */
export function optionLabel(name: string, spec: OptionSpec): string {
  const value = spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : '';
  return `${spec.short ? `-${spec.short}, ` : ''}--${name}${value}`;
}

/** The full help of one subcommand: usage, what it does, one line per option, notes. */
export function commandHelp<O extends Record<string, OptionSpec>>(spec: CommandSpec<O>): string {
  const names = spec.listed ?? Object.keys(spec.options);
  const rows = names.map((name) => {
    const option = spec.options[name] as OptionSpec | undefined;
    if (!option) throw new Error(`help lists --${name}, which the command does not parse`);
    return [optionLabel(name, option), option.help];
  });
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return [
    usageLine(spec),
    `\n${spec.about}\n`,
    '\nOptions:\n',
    ...rows.map(([label, help]) => `  ${label.padEnd(width)}${help}\n`),
    ...(spec.notes && spec.notes.length > 0 ? ['\n', ...spec.notes.map((l) => `${l}\n`)] : []),
  ].join('');
}
