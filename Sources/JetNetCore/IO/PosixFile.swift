#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed system call, with the C library's explanation (`strerror`).
struct SystemCallError: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }

    /// The error for the current `errno`, prefixed with what was being done.
    static func current(_ action: String) -> SystemCallError {
        SystemCallError(reason: "\(action): \(String(cString: strerror(errno)))")
    }
}

/// An open file descriptor, read and written with `pread`/`write` straight into caller buffers.
///
/// Foundation's `FileHandle` returns `Data`, which costs one extra copy of every byte; the
/// NumPy and zip readers need to fill array storage directly to read at disk/page-cache speed.
final class PosixFile {
    let descriptor: Int32
    let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    /// Opens an existing file for reading.
    static func openForReading(_ path: String) throws(SystemCallError) -> PosixFile {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .current("cannot open for reading") }
        return PosixFile(descriptor: fd, path: path)
    }

    /// Creates (or truncates) a file for writing.
    static func createForWriting(_ path: String) throws(SystemCallError) -> PosixFile {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .current("cannot create") }
        return PosixFile(descriptor: fd, path: path)
    }

    deinit { close(descriptor) }

    /// The file's size in bytes.
    func size() throws(SystemCallError) -> Int {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .current("cannot stat") }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw SystemCallError(reason: "not a regular file")
        }
        return Int(info.st_size)
    }

    /// Reads up to `buffer.count` bytes starting at `offset`; returns how many were read
    /// (fewer only at the end of the file).
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(SystemCallError) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var done = 0
        while done < buffer.count {
            // Linux transfers at most 0x7ffff000 bytes per call.
            let chunk = min(buffer.count - done, 1 << 30)
            let got = pread(descriptor, base + done, chunk, off_t(offset + done))
            if got < 0 {
                if errno == EINTR { continue }
                throw .current("cannot read")
            }
            if got == 0 { break }
            done += got
        }
        return done
    }

    /// Writes all of `buffer` at the current position.
    func writeAll(_ buffer: UnsafeRawBufferPointer) throws(SystemCallError) {
        guard let base = buffer.baseAddress else { return }
        var done = 0
        while done < buffer.count {
            let chunk = min(buffer.count - done, 1 << 30)
            let wrote = write(descriptor, base + done, chunk)
            if wrote < 0 {
                if errno == EINTR { continue }
                throw .current("cannot write")
            }
            done += wrote
        }
    }
}
