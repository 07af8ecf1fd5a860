import CHDF5
import Foundation

/// Serialises every call into libhdf5 and turns its error stack into messages.
///
/// libhdf5 is not safe to call from several threads at once (Debian's build serialises
/// internally, others do not), so every call goes through ``call(_:)`` holding one
/// process-wide lock. Its automatic error printing is switched off on each call, because
/// in thread-safe builds that setting is per thread.
enum HDF5Library {
    private static let lock = NSRecursiveLock()

    /// Runs `body` holding the HDF5 lock, with HDF5's error printing silenced.
    static func call<R>(_ body: () throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        jn_H5_silence_errors()
        return try body()
    }

    /// HDF5's description of the most recent failure, then clears the error stack.
    /// Call inside ``call(_:)``.
    static func lastError() -> String {
        final class Messages { var items: [String] = [] }
        let messages = Messages()
        _ = H5Ewalk2(jn_H5E_DEFAULT(), H5E_WALK_DOWNWARD, { _, error, context in
            guard let error, let context else { return 0 }
            let messages = Unmanaged<Messages>.fromOpaque(context).takeUnretainedValue()
            if let description = error.pointee.desc {
                let text = String(cString: description)
                if !text.isEmpty { messages.items.append(text) }
            }
            return 0
        }, Unmanaged.passUnretained(messages).toOpaque())
        H5Eclear2(jn_H5E_DEFAULT())
        // From the API call down to the cause; the first few distinct steps say what happened
        // (deeper ones are about plugin search paths and the like).
        var distinct: [String] = []
        for message in messages.items where distinct.last != message { distinct.append(message) }
        return distinct.isEmpty ? "unknown HDF5 error" : distinct.prefix(5).joined(separator: ": ")
    }
}
