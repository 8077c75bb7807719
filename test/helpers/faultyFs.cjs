/**
 * Preloaded into a CLI process (`node --require faultyFs.cjs cli.js …`) to make the disk fail as a
 * real one does, where a test cannot make it fail for real (root ignores permissions; a full disk
 * at an exact byte needs a mount). Set by environment:
 *   CIVIC_FAULT=ENOSPC CIVIC_FAULT_AFTER=<bytes>  writes fail once that many bytes went to new files
 *   CIVIC_FAULT=EACCES                             creating any file fails (a read-only folder)
 *   CIVIC_FAULT=SIGKILL|SIGTERM CIVIC_FAULT_AFTER=<bytes>
 *                                                  the process gets that signal once that many bytes went out
 * Only files opened for writing are touched; reading works as usual.
 */
const fs = require('node:fs');

const fault = process.env.CIVIC_FAULT;
const after = Number(process.env.CIVIC_FAULT_AFTER ?? 0);
const writing = new Set();
let written = 0;
let signalled = false;

function systemError(code, syscall, path) {
  const messages = { ENOSPC: 'no space left on device', EACCES: 'permission denied' };
  const error = new Error(`${code}: ${messages[code] ?? code}, ${syscall}${path ? ` '${path}'` : ''}`);
  return Object.assign(error, { code, errno: code === 'ENOSPC' ? -28 : -13, syscall, path });
}

const forWriting = (flags) => typeof flags === 'string' && /[wa+]/.test(flags);

const openSync = fs.openSync;
fs.openSync = function (path, flags, ...rest) {
  if (fault === 'EACCES' && forWriting(flags)) throw systemError('EACCES', 'open', String(path));
  const fd = openSync.call(this, path, flags, ...rest);
  if (forWriting(flags)) writing.add(fd);
  return fd;
};

const writeSync = fs.writeSync;
fs.writeSync = function (fd, buffer, ...rest) {
  if ((fault === 'SIGKILL' || fault === 'SIGTERM') && writing.has(fd)) {
    const length = typeof buffer === 'string' ? Buffer.byteLength(buffer) : (rest[1] ?? buffer.byteLength - (rest[0] ?? 0));
    written += length;
    if (written > after && !signalled) {
      signalled = true;
      process.kill(process.pid, fault);
    }
  }
  if (fault === 'ENOSPC' && writing.has(fd)) {
    const length = typeof buffer === 'string' ? Buffer.byteLength(buffer) : (rest[1] ?? buffer.byteLength - (rest[0] ?? 0));
    if (written + length > after) {
      // A real disk takes what fits, then refuses the rest.
      const room = Math.max(0, after - written);
      if (room > 0 && typeof buffer !== 'string') {
        written += writeSync.call(this, fd, buffer, rest[0] ?? 0, room);
        return room;
      }
      throw systemError('ENOSPC', 'write');
    }
    written += length;
  }
  return writeSync.call(this, fd, buffer, ...rest);
};

const closeSync = fs.closeSync;
fs.closeSync = function (fd) {
  writing.delete(fd);
  return closeSync.call(this, fd);
};

// Writers that bypass the synchronous calls fail the same way, so no path escapes the fault.
const promisesWriteFile = fs.promises.writeFile;
fs.promises.writeFile = async function (path, ...rest) {
  if (fault === 'EACCES') throw systemError('EACCES', 'open', String(path));
  if (fault === 'ENOSPC') throw systemError('ENOSPC', 'write');
  return promisesWriteFile.call(this, path, ...rest);
};
const writeFileSync = fs.writeFileSync;
fs.writeFileSync = function (path, ...rest) {
  if (fault === 'EACCES') throw systemError('EACCES', 'open', String(path));
  if (fault === 'ENOSPC') throw systemError('ENOSPC', 'write');
  return writeFileSync.call(this, path, ...rest);
};
