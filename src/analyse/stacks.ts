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
 * git's diffstat shortens a path too long for its width to "..." and the path's end, cut at a '/'
 * when one fits (".../netrom/af_netrom.c") or else inside the file name ("...ong_name.c"). The real
 * path is longer than what is shown and only ends with it: returns that end ("/netrom/af_netrom.c",
 * "ong_name.c"), or null for a path shown whole.
 */
export function shortenedEnd(path: string): string | null {
  return path.startsWith('...') ? path.slice(3) : null;
}

/**
 * Whether a path the culprit changes is `file` or contains it. A raw diff-tree entry may be a
 * top-level directory only ("net"). A shortened path is `file` when `file` ends with its shown
 * end and that end still names a directory and a file (".../netrom/af_netrom.c"); a bare file
 * name (".../core.c") or a cut one could be any of many files: see pathMayCover.
 */
export function pathCovers(culpritPath: string, file: string): boolean {
  const end = shortenedEnd(culpritPath);
  if (end !== null) return /^\/[^/]+\/./.test(end) && file.endsWith(end);
  if (!culpritPath) return false;
  if (culpritPath === file || file.endsWith('/' + culpritPath) || culpritPath.endsWith('/' + file))
    return true;
  return isDirectoryEntry(culpritPath) && file.startsWith(culpritPath + '/');
}

/** A shortened path that might be `file` without pathCovers being able to tell (its shown end fits). */
export function pathMayCover(culpritPath: string, file: string): boolean {
  const end = shortenedEnd(culpritPath);
  return end !== null && file.endsWith(end) && !pathCovers(culpritPath, file);
}

/**
 * Whether a path the culprit changes lies in the directory `dir`: true or false, or null when the
 * path was shortened so far that its directory is not shown.
 */
export function pathInDirectory(culpritPath: string, dir: string): boolean | null {
  const end = shortenedEnd(culpritPath);
  if (end === null) return culpritPath.replace(/\/[^/]*$/, '') === dir;
  const shownDir = end.replace(/\/[^/]*$/, '');
  if (!/^\/[^/]/.test(shownDir)) return null;
  return dir.endsWith(shownDir);
}

/**
 * A changed path that stands for a whole directory: git's raw diff-tree without -r lists only
 * top-level entries, so "net" means "something under net/".
 */
export function isDirectoryEntry(path: string): boolean {
  return !path.includes('/') && !path.includes('.') && /^[a-z][a-z0-9_-]*$/.test(path);
}
