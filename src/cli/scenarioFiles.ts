import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, type Stats } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

import { MAX_SCENARIO_BYTES, parseScenario, type ScenarioFile } from '../engine'

/** The repository's scenarios/ folder, wherever the CLI is started from. */
export const SCENARIO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../scenarios')

export function knownIds(): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => basename(f, '.json'))
    .sort()
}

/** A scenario id from scenarios/, or a path to a scenario file of one's own. */
export function loadScenario(idOrPath: string): ScenarioFile {
  const looksLikePath = idOrPath.includes('/') || idOrPath.endsWith('.json')
  const file = looksLikePath ? resolve(idOrPath) : join(SCENARIO_DIR, `${idOrPath}.json`)
  const text = readScenarioFile(file, idOrPath, looksLikePath)
  return parseScenario(text, looksLikePath ? idOrPath : `scenarios/${idOrPath}.json`)
}

/**
 * A scenario file's text, read only if it is a regular file of at most `MAX_SCENARIO_BYTES`:
 * a FIFO, a device (`/dev/zero`, `/dev/urandom`), a directory or a socket is refused before
 * anything is read. Opened without blocking (a FIFO with no writer would hang `open`), checked
 * on the open descriptor (no race with a rename), and read with a bound whatever its size says.
 */
export function readScenarioFile(file: string, shown: string, isPath = true): string {
  let fd: number
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT' && !isPath
        ? `unknown scenario '${shown}' (known: ${knownIds().join(', ')})`
        : code === 'ENOENT'
          ? `${shown}: no such file`
          : code === 'EACCES'
            ? `${shown}: permission denied`
            : `${shown}: cannot be opened (${code ?? 'unknown error'})`
    throw new Error(why, { cause })
  }
  try {
    const st = fstatSync(fd)
    if (!st.isFile())
      throw new Error(`${shown}: is ${kindOf(st)}, not a regular file; give the path of a scenario file`)
    if (st.size > MAX_SCENARIO_BYTES)
      throw new Error(`${shown}: larger than ${String(MAX_SCENARIO_BYTES)} bytes`)
    // One byte more than allowed tells a file that grew since fstat from one that fits.
    const buf = Buffer.alloc(MAX_SCENARIO_BYTES + 1)
    let n = 0
    for (;;) {
      const got = readSync(fd, buf, n, buf.length - n, null)
      if (got === 0) break
      n += got
      if (n > MAX_SCENARIO_BYTES) throw new Error(`${shown}: larger than ${String(MAX_SCENARIO_BYTES)} bytes`)
    }
    return new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, n))
  } catch (e) {
    if (e instanceof TypeError) throw new Error(`${shown}: is not UTF-8 text`, { cause: e })
    throw e
  } finally {
    closeSync(fd)
  }
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory'
  if (st.isFIFO()) return 'a FIFO'
  if (st.isCharacterDevice()) return 'a character device'
  if (st.isBlockDevice()) return 'a block device'
  if (st.isSocket()) return 'a socket'
  return 'not a regular file'
}
