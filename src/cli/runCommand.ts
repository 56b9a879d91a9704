// Placeholder: the flaky-aware `run` command lands with the git issue.
export async function runCommand(_argv: string[]): Promise<number> {
  process.stderr.write('bisect-report run: not implemented yet\n');
  return 128;
}
