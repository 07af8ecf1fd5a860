import Foundation
import Testing

/// The README's Swift tour is `Examples/Tour/main.swift`, which CI builds and runs.
@Suite("README tour")
struct ReadmeTourTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("The README's first Swift block is Examples/Tour/main.swift, character for character")
    func identical() throws {
        let readme = try String(contentsOf: Self.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let program = try String(contentsOf: Self.repository.appendingPathComponent("Examples/Tour/main.swift"), encoding: .utf8)
        let afterFence = try #require(readme.range(of: "```swift\n"), "README has no Swift block")
        let closing = try #require(readme.range(of: "```\n", range: afterFence.upperBound..<readme.endIndex))
        #expect(String(readme[afterFence.upperBound..<closing.lowerBound]) == program)
    }
}
