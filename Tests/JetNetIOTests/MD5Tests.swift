import Foundation
import Testing
import JetNetTestSupport
@testable import JetNetIO

@Suite("MD5")
struct MD5Tests {
    // RFC 1321, appendix A.5.
    static let vectors: [(String, String)] = [
        ("", "d41d8cd98f00b204e9800998ecf8427e"),
        ("a", "0cc175b9c0f1b6a831c399e269772661"),
        ("abc", "900150983cd24fb0d6963f7d28e17f72"),
        ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
        ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"),
        ("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a"),
    ]

    @Test("RFC 1321 test suite", arguments: vectors)
    func rfcVector(message: String, digest: String) {
        #expect(MD5.hex(of: Array(message.utf8)) == digest)
    }

    @Test("Feeding in uneven chunks gives the one-shot digest", arguments: [1, 3, 63, 64, 65, 1000])
    func chunked(chunk: Int) {
        let bytes = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var md5 = MD5()
        var start = 0
        while start < bytes.count {
            md5.update(bytes[start..<min(start + chunk, bytes.count)])
            start += chunk
        }
        #expect(md5.finalize() == MD5.hex(of: bytes))
    }

    @Test("Digest of a file equals the digest of its bytes (Python hashlib: 1,000,000 x 'a')")
    func fileDigest() throws {
        let url = temporaryURL("-md5")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(repeating: UInt8(ascii: "a"), count: 1_000_000).write(to: url)
        // hashlib.md5(b"a" * 1_000_000).hexdigest()
        #expect(try MD5.hex(ofFileAt: url) == "7707d6ae4e027c70eea2a935c2296f21")
    }
}
