/**
 * Reading kernel-style crash reports: the source files and functions their stack frames run
 * through ("func+0x1a/0x40 path/file.c:123"). The trust analysis checks the culprit's files against
 * them; a format's signatures may use them to tell whether two crash titles are one bug.
 */

/** Frames of the reporting machinery name files no culprit should get credit for. */
const MACHINERY =
  /^(lib\/dump_stack\.c|kernel\/panic\.c|lib\/bug\.c|mm\/kasan\/|mm\/kmsan\/|mm\/kfence\/|kernel\/kcov\.c|arch\/[^/]+\/entry\/|kernel\/entry\/|arch\/x86\/kernel\/traps\.c|arch\/x86\/kernel\/dumpstack|kernel\/locking\/lockdep\.c|lib\/ubsan\.c)/;

export function isReportingMachinery(path: string): boolean {
  return MACHINERY.test(path);
}

/** Files mentioned as "path/file.c:123" in a crash report. */
export function stackFilesOf(reportText: string): Set<string> {
  const files = new Set<string>();
  const re = /(?:^|[\s(])((?:[A-Za-z0-9_.+-]+\/)+[A-Za-z0-9_.+-]+\.(?:c|h|rs|S)):\d+/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(reportText)) !== null) files.add(m[1]);
  return files;
}

/** Functions named by stack frames ("func+0x1a/0x40 file.c:1", "func file.c:1 [inline]"), compiler suffixes dropped. */
export function stackFunctionsOf(reportText: string): Set<string> {
  const functions = new Set<string>();
  const re =
    /(?:^|[\s:(])([A-Za-z_][A-Za-z0-9_]*)(?:\.[A-Za-z0-9_.]+)?(?:\+0x[0-9a-f]+\/0x[0-9a-f]+)?\s+(?:[A-Za-z0-9_.+-]+\/)+[A-Za-z0-9_.+-]+\.(?:c|h|rs|S):\d+/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(reportText)) !== null) functions.add(m[1]);
  return functions;
}

/**
 * Whether a path the culprit changes is `file` or contains it. Culprit paths can be abbreviated
 * (".../net/x.c" in a diffstat) or a top-level directory only (a raw diff-tree entry like "net").
 */
export function pathCovers(culpritPath: string, file: string): boolean {
  const p = culpritPath.replace(/^\.\.\.\//, '');
  if (!p) return false;
  if (p === file || file.endsWith('/' + p) || p.endsWith('/' + file)) return true;
  return isDirectoryEntry(culpritPath) && file.startsWith(p + '/');
}

/**
 * A changed path that stands for a whole directory: git's raw diff-tree without -r lists only
 * top-level entries, so "net" means "something under net/".
 */
export function isDirectoryEntry(path: string): boolean {
  return !path.includes('/') && !path.includes('.') && /^[a-z][a-z0-9_-]*$/.test(path);
}
