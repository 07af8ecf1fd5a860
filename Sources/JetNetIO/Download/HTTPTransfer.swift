import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Blocking HTTP GETs on top of `URLSession`, for the synchronous dataset loaders.
enum HTTPTransfer {
    /// Fetches a small body (a record's JSON) into memory.
    static func fetch(_ url: URL, timeout: TimeInterval) throws -> Data {
        let box = ResultBox<Data>()
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        session.dataTask(with: request) { data, response, error in
            if let error {
                box.set(.failure(DownloadError.transferFailed(url: url.absoluteString, reason: DownloadError.describe(error))))
            } else if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
                box.set(.failure(DownloadError.httpStatus(url: url.absoluteString, status: http.statusCode)))
            } else {
                box.set(.success(data ?? Data()))
            }
        }.resume()
        return try box.wait()
    }

    /// Streams a body into `handle`, calling `progress(received, expected)` as bytes arrive.
    ///
    /// - Returns: the MD5 of the bytes written (computed while streaming, so the file is
    ///   read once).
    static func stream(
        _ url: URL, into handle: FileHandle, timeout: TimeInterval,
        progress: @escaping @Sendable (Int64, Int64?) -> Void
    ) throws -> String {
        let delegate = StreamingDelegate(url: url, handle: handle, progress: progress)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        let session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: queue)
        defer { session.finishTasksAndInvalidate() }
        session.dataTask(with: URLRequest(url: url, timeoutInterval: timeout)).resume()
        return try delegate.result.wait()
    }
}

/// A one-shot result that a callback fills and a waiting thread reads.
final class ResultBox<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private let semaphore = DispatchSemaphore(value: 0)
    private var result: Result<Value, Error>?

    func set(_ value: Result<Value, Error>) {
        lock.lock()
        let first = result == nil
        if first { result = value }
        lock.unlock()
        if first { semaphore.signal() }
    }

    func wait() throws -> Value {
        semaphore.wait()
        lock.lock()
        defer { lock.unlock() }
        return try result!.get()
    }
}

/// Receives the body chunk by chunk, writes it and hashes it; callbacks run on one serial queue.
private final class StreamingDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let url: URL
    let handle: FileHandle
    let progress: @Sendable (Int64, Int64?) -> Void
    let result = ResultBox<String>()
    private var md5 = MD5()
    private var received: Int64 = 0
    private var expected: Int64?
    private var failure: DownloadError?

    init(url: URL, handle: FileHandle, progress: @escaping @Sendable (Int64, Int64?) -> Void) {
        self.url = url
        self.handle = handle
        self.progress = progress
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
            failure = .httpStatus(url: url.absoluteString, status: http.statusCode)
            completionHandler(.cancel)
            return
        }
        expected = response.expectedContentLength >= 0 ? response.expectedContentLength : nil
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard failure == nil else { return }
        do {
            try handle.write(contentsOf: data)
        } catch {
            failure = .fileSystem(path: "temporary download file", reason: error.localizedDescription)
            dataTask.cancel()
            return
        }
        md5.update(data)
        received += Int64(data.count)
        progress(received, expected)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        if let failure {
            result.set(.failure(failure))
        } else if let error {
            result.set(.failure(DownloadError.transferFailed(url: url.absoluteString, reason: DownloadError.describe(error))))
        } else if let expected, received != expected {
            // Belt and braces: a connection closed early must never pass as a complete file.
            result.set(.failure(DownloadError.transferFailed(
                url: url.absoluteString, reason: "received \(received) of \(expected) bytes")))
        } else {
            result.set(.success(md5.finalize()))
        }
    }
}
