import Testing
@testable import JetNetCore

@Suite struct NDArrayTests {
    @Test func indexingIsRowMajor() {
        let a = NDArray<Float>(shape: [2, 3, 4], storage: (0..<24).map(Float.init))
        #expect(a[1, 2, 3] == 23)
        #expect(a[0, 1, 0] == 4)
        #expect(a.strides == [12, 4, 1])
        #expect(a.rowSize == 12)
    }

    @Test func copyOnWriteKeepsOriginal() {
        let a = NDArray<Double>(shape: [2, 2], repeating: 1)
        var b = a
        b[0, 0] = 7
        #expect(a[0, 0] == 1)
        #expect(b[0, 0] == 7)
    }

    @Test func rowsGatherAndColumns() {
        let a = NDArray<Int64>(shape: [3, 2, 2], storage: (0..<12).map(Int64.init))
        #expect(a.rows(1..<3).storage == Array(4..<12).map(Int64.init))
        #expect(a.gatheringRows([2, 0]).storage == [8, 9, 10, 11, 0, 1, 2, 3])
        let c = a.selectingLast([1, 0, 1])
        #expect(c.shape == [3, 2, 3])
        #expect(c[2, 1, 0] == 11)
        #expect(c[2, 1, 1] == 10)
    }

    @Test func reshapeAndConcatenate() {
        let a = NDArray<Int32>(shape: [2, 3], storage: [1, 2, 3, 4, 5, 6])
        #expect(a.reshaped([3, -1]).shape == [3, 2])
        let joined = NDArray.concatenate([a, a.rows(0..<1)])
        #expect(joined.shape == [3, 3])
        #expect(joined[2, 2] == 3)
    }

    @Test(arguments: [
        (2.7, Int64(2)), (-2.7, Int64(-2)), (0.0, Int64(0)),
    ])
    func floatToIntTruncatesLikeNumPy(value: Double, expected: Int64) {
        let a = NDArray<Double>([value]).converted(to: Int64.self)
        #expect(a.storage == [expected])
    }

    @Test func boolConversion() {
        let a = NDArray<Float>([0, 0.5, -1]).converted(to: Bool.self)
        #expect(a.storage == [false, true, true])
        #expect(a.converted(to: Double.self).storage == [0, 1, 1])
        // Large integers convert exactly between integral types.
        let big = NDArray<Int64>([Int64(1) << 60 | 1])
        #expect(big.converted(to: Int64.self).storage == big.storage)
        #expect(AnyNDArray(big).converted(to: Int32.self).storage == [1])
    }
}
