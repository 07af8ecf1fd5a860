import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal HTTP/1.1 server on 127.0.0.1 for download tests: a random free port, one thread,
/// at most `maxConnections` requests, and it stops itself after `lifetime` seconds.
final class LocalHTTPServer: @unchecked Sendable {
    /// What the server answers for one path.
    struct Route: Sendable {
        var status: Int = 200
        var body: Data
        /// Send only this many body bytes (after a full Content-Length header), then close.
        var truncateAfter: Int?
    }

    let port: UInt16
    private let listener: Int32
    private let routes: @Sendable (String, UInt16) -> Route?
    private let lock = NSLock()
    private var requested = [String]()
    private var stopped = false

    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// The paths requested so far, in order.
    var requests: [String] { lock.withLock { requested } }

    /// Starts serving; `routes(path, port)` gives the answer for a path (nil: 404).
    init(maxConnections: Int = 16, lifetime: TimeInterval = 300, routes: @escaping @Sendable (String, UInt16) -> Route?) throws {
        self.routes = routes
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0  // the kernel picks a free port
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 8) == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.port = UInt16(bigEndian: address.sin_port)
        self.listener = fd
        let thread = Thread { [self] in serve(maxConnections: maxConnections) }
        thread.start()
        DispatchQueue.global().asyncAfter(deadline: .now() + lifetime) { [self] in stop() }
    }

    deinit { stop() }

    /// Stops accepting connections (idempotent).
    func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func serve(maxConnections: Int) {
        for _ in 0..<maxConnections {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            handle(client)
            close(client)
        }
        stop()
    }

    private func handle(_ client: Int32) {
        // Read the request head (all our clients send GETs without a body).
        var head = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !head.containsHeadEnd {
            let n = read(client, &buffer, buffer.count)
            if n <= 0 { return }
            head += buffer[0..<n]
        }
        let requestLine = String(decoding: head, as: UTF8.self).split(separator: "\r\n").first ?? ""
        let parts = requestLine.split(separator: " ")
        let path = parts.count > 1 ? String(parts[1]) : "/"
        lock.withLock { requested.append(path) }
        let route = routes(path, port) ?? Route(status: 404, body: Data("not found".utf8))
        let reason = [200: "OK", 404: "Not Found", 500: "Internal Server Error"][route.status] ?? "Status"
        let header = "HTTP/1.1 \(route.status) \(reason)\r\nContent-Length: \(route.body.count)\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n"
        transmit(client, Data(header.utf8))
        transmit(client, route.truncateAfter.map { route.body.prefix($0) } ?? route.body)
    }

    private func transmit(_ client: Int32, _ data: Data) {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                // MSG_NOSIGNAL: a client that hung up must not kill the test process with SIGPIPE.
                let n = send(client, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if n <= 0 { return }
                offset += n
            }
        }
    }
}

private extension [UInt8] {
    var containsHeadEnd: Bool {
        guard count >= 4 else { return false }
        for i in 0...(count - 4) where self[i] == 13 && self[i + 1] == 10 && self[i + 2] == 13 && self[i + 3] == 10 { return true }
        return false
    }
}
