import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that the target is either its old self or the complete new file, never a
/// truncated mixture: the content goes to a temporary file beside the target (same directory,
/// so the final `rename` is atomic), is flushed and `fsync`ed, and is renamed over the target
/// only when complete.
///
/// The temporary file is removed when writing throws, and — once
/// ``removeTemporariesOnTermination()`` has been called (the `jetnet` CLI does so) — when the
/// process receives SIGINT, SIGTERM or SIGHUP. SIGKILL cannot be caught: it leaves a temporary
/// file (`.name.XXXXXXXX.tmp`) but never a damaged target.
///
/// ```swift
/// try AtomicFile.write(to: url) { temporary in try data.write(to: temporary) }
/// try AtomicFile.write(data, to: url)
/// ```
public enum AtomicFile {
    /// Writes a file through a temporary beside `url` and renames it over `url` when complete.
    ///
    /// - Parameters:
    ///   - url: the file to create or replace.
    ///   - suffix: the temporary's extension (`tmp`; downloads use `part`).
    ///   - body: writes the complete file at the path it is given (which does not exist yet);
    ///     may create it with any API (POSIX, Foundation, libhdf5).
    /// - Throws: ``FileWriteError`` when the temporary cannot be synced or renamed; whatever
    ///   `body` throws. The target is unchanged and the temporary removed in both cases.
    public static func write(to url: URL, suffix: String = "tmp", _ body: (URL) throws -> Void) throws {
        let temporary = Temporary(replacing: url, suffix: suffix)
        do {
            try body(temporary.url)
            try temporary.commit()
        } catch {
            temporary.discard()
            throw error
        }
    }

    /// A temporary file beside a target, for writers that fill it over many calls
    /// (`NPZStreamWriter`); ``write(to:suffix:_:)`` is this around one closure.
    ///
    /// From creation until ``commit()`` or ``discard()`` its path is registered for removal
    /// when a signal ends the process (``removeTemporariesOnTermination()``); releasing it
    /// without a commit removes the file.
    public final class Temporary: @unchecked Sendable {
        // @unchecked: `isOpen` changes only in commit/discard, which one owner calls.

        /// Where to write (does not exist yet; create it with any API).
        public let url: URL
        /// The file it replaces on ``commit()``.
        public let target: URL
        private var isOpen = true

        /// Names and registers a temporary beside `target`.
        ///
        /// - Parameters:
        ///   - target: the file to create or replace.
        ///   - suffix: the temporary's extension (`tmp`; downloads use `part`).
        public init(replacing target: URL, suffix: String = "tmp") {
            self.target = target
            url = target.deletingLastPathComponent().appendingPathComponent(
                ".\(target.lastPathComponent).\(String(UInt64.random(in: 0...UInt64.max), radix: 16)).\(suffix)")
            TemporaryRegistry.shared.insert(url.path)
        }

        deinit { discard() }

        /// Flushes the complete temporary to disk, gives it the target's permissions and renames
        /// it over the target.
        ///
        /// - Throws: ``FileWriteError`` (the temporary is then still there: ``discard()`` it).
        public func commit() throws {
            precondition(isOpen, "AtomicFile.Temporary: already committed or discarded")
            try AtomicFile.finish(url, replacing: target)
            isOpen = false
            TemporaryRegistry.shared.remove(url.path)
        }

        /// Removes the temporary (if not committed); the target stays as it was.
        public func discard() {
            guard isOpen else { return }
            isOpen = false
            unlink(url.path)
            TemporaryRegistry.shared.remove(url.path)
        }
    }

    /// Writes `data` to `url` through a temporary (see ``write(to:suffix:_:)``).
    ///
    /// - Parameters:
    ///   - data: the complete contents.
    ///   - url: the file to create or replace.
    /// - Throws: ``FileWriteError`` when the file cannot be written.
    public static func write(_ data: Data, to url: URL) throws {
        try write(to: url) { temporary in
            let file: PosixFile
            do { file = try PosixFile.createForWriting(temporary.path) } catch {
                throw FileWriteError.cannotWrite(path: url.path, reason: "\(error)")
            }
            do { try data.withUnsafeBytes { try file.writeAll($0) } } catch {
                throw FileWriteError.cannotWrite(path: url.path, reason: "\(error)")
            }
        }
    }

    /// Refuses to write `output` when it is the same file (device and inode) as one of `inputs`:
    /// the write would replace data the command is still reading.
    ///
    /// - Parameters:
    ///   - output: the file about to be written (need not exist).
    ///   - inputs: the files read to make it.
    /// - Throws: ``FileWriteError/outputIsInput(output:input:)``.
    public static func refuseOverwriting(_ output: URL, inputs: [URL]) throws {
        guard let target = identity(of: output.path) else { return }
        for input in inputs where identity(of: input.path) == target {
            throw FileWriteError.outputIsInput(output: output.path, input: input.path)
        }
    }

    /// Removes temporaries left beside `url` by earlier runs that were killed (SIGKILL, power
    /// loss): files named `.name.*.suffix` in its directory.
    ///
    /// - Parameters:
    ///   - url: the target whose stale temporaries to remove.
    ///   - suffix: the temporaries' extension.
    /// - Returns: how many were removed.
    @discardableResult
    public static func removeStaleTemporaries(of url: URL, suffix: String = "tmp") -> Int {
        let directory = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent).", ending = ".\(suffix)"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return 0 }
        var removed = 0
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(ending) && name.count > prefix.count + ending.count {
            let path = directory.appendingPathComponent(name).path
            guard !TemporaryRegistry.shared.contains(path) else { continue }
            if unlink(path) == 0 { removed += 1 }
        }
        return removed
    }

    /// Removes every live temporary when the process receives SIGINT, SIGTERM or SIGHUP, then
    /// lets the signal terminate the process as it would have (same exit status). Call it once,
    /// early, from a program's entry point; later calls do nothing.
    public static func removeTemporariesOnTermination() {
        SignalCleanup.install()
    }

    // MARK: Helpers

    /// Flushes the temporary to disk, gives it the target's permissions and renames it.
    fileprivate static func finish(_ temporary: URL, replacing url: URL) throws {
        let fd = open(temporary.path, O_RDONLY)
        guard fd >= 0 else {
            throw FileWriteError.cannotWrite(path: url.path, reason: "the temporary file vanished: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var existing = stat()
        if stat(url.path, &existing) == 0 { fchmod(fd, existing.st_mode & 0o7777) }
        guard fsync(fd) == 0 else {
            throw FileWriteError.cannotWrite(path: url.path, reason: String(cString: strerror(errno)))
        }
        TestHooks.pauseBeforeRename()
        guard rename(temporary.path, url.path) == 0 else {
            throw FileWriteError.cannotReplace(path: url.path, reason: String(cString: strerror(errno)))
        }
    }

    private struct Identity: Equatable {
        let device: UInt64
        let inode: UInt64
    }

    private static func identity(of path: String) -> Identity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }
}

/// Why a file could not be written. The old file, if any, is unchanged in every case.
public enum FileWriteError: Error, LocalizedError, Equatable, Sendable {
    /// The content could not be written or flushed (disk full, no permission, ...).
    case cannotWrite(path: String, reason: String)
    /// The complete temporary could not be renamed over the target.
    case cannotReplace(path: String, reason: String)
    /// The output is the same file as an input.
    case outputIsInput(output: String, input: String)

    public var errorDescription: String? {
        switch self {
        case let .cannotWrite(path, reason):
            "Cannot write '\(path)': \(reason). Nothing was changed; check the free space and that its folder is writable."
        case let .cannotReplace(path, reason):
            "Cannot replace '\(path)': \(reason). Nothing was changed; check that its folder is writable."
        case let .outputIsInput(output, input):
            "The output '\(output)' is the input '\(input)'; writing it would destroy the input. Choose another output file."
        }
    }
}

/// The temporaries being written right now, for removal when a signal ends the process.
final class TemporaryRegistry: @unchecked Sendable {
    static let shared = TemporaryRegistry()
    private let lock = NSLock()
    private var paths = Set<String>()

    func insert(_ path: String) { lock.withLock { _ = paths.insert(path) } }
    func remove(_ path: String) { lock.withLock { _ = paths.remove(path) } }
    func contains(_ path: String) -> Bool { lock.withLock { paths.contains(path) } }

    /// Unlinks every registered temporary; the lock stays held so no new one starts.
    func removeAllAndHold() {
        lock.lock()
        for path in paths { unlink(path) }
        paths.removeAll()
    }
}

/// Signal sources that remove the live temporaries, then re-raise the signal with its default
/// action (so the exit status still says which signal ended the process).
private enum SignalCleanup {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    private static let once: Void = {
        let queue = DispatchQueue(label: "jetnet.signal-cleanup")
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            // Ignored at the C level so the dispatch source, not the default action, sees it.
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler {
                TemporaryRegistry.shared.removeAllAndHold()
                signal(signalNumber, SIG_DFL)
                // Dispatch's threads (and any thread of a process started with a blocked
                // signal mask) block the signal: unblock it here, then raise it here.
                var mask = sigset_t()
                sigemptyset(&mask)
                sigaddset(&mask, signalNumber)
                pthread_sigmask(SIG_UNBLOCK, &mask, nil)
                raise(signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }()

    static func install() { _ = once }
}

/// Test hooks, read from the environment; none is set in normal use.
enum TestHooks {
    /// `JETNET_TEST_PAUSE_BEFORE_RENAME=SECONDS`: every atomic write waits this long with its
    /// complete temporary on disk before renaming it, and says so on stderr, so a test can
    /// signal the process in the middle of a write.
    static func pauseBeforeRename() {
        guard let text = ProcessInfo.processInfo.environment["JETNET_TEST_PAUSE_BEFORE_RENAME"],
              let seconds = Double(text), seconds > 0, seconds < 600 else { return }
        FileHandle.standardError.write(Data("jetnet: test hook: pausing before rename\n".utf8))
        Thread.sleep(forTimeInterval: seconds)
    }
}

extension FileWriteError {
    /// What went wrong, without the path (for errors that name the path themselves).
    public var reason: String {
        switch self {
        case let .cannotWrite(_, reason), let .cannotReplace(_, reason): reason
        case let .outputIsInput(_, input): "it is the input '\(input)'"
        }
    }
}
