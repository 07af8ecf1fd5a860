/// Per-thread memory for running an ``EFPProgram`` on jets of up to `capacity` particles.
///
/// Every slot of the program gets `capacity^rank` doubles; a jet with M particles uses the
/// first `M^rank` of them with stride M. Not shared between threads.
final class EFPWorkspace {
    let program: EFPProgram
    let capacity: Int
    private let offsets: [Int]
    private let memory: UnsafeMutablePointer<Double>
    private let scratch: UnsafeMutablePointer<Double>  // two product matrices, theta, z, measure scratch
    private let total: Int
    private let scratchCount: Int

    init(program: EFPProgram, capacity: Int) {
        self.program = program
        self.capacity = max(capacity, 1)
        var offsets: [Int] = []
        var total = 0
        for rank in program.ranks {
            offsets.append(total)
            var size = 1
            for _ in 0..<rank { size *= self.capacity }
            total += size
        }
        self.offsets = offsets
        self.total = max(total, 1)
        memory = .allocate(capacity: self.total)
        scratchCount = 3 * self.capacity * self.capacity + 6 * self.capacity
        scratch = .allocate(capacity: scratchCount)
    }

    deinit {
        memory.deallocate()
        scratch.deallocate()
    }

    /// Evaluates the program on one jet; writes each compiled graph's value to `results`.
    func run(measure: EFPMeasureEvaluator, count: Int, features: Int, particle: (Int, Int) -> Double,
             results: UnsafeMutablePointer<Double>) {
        precondition(count <= capacity, "EFPWorkspace: jet larger than its capacity")
        let theta = scratch + 2 * capacity * capacity
        let z = theta + capacity * capacity
        let m = measure.evaluate(count: count, features: features, particle: particle,
                                 z: z, theta: theta, scratch: z + capacity)
        if m == 0 {
            for (index, _) in program.results.enumerated() { results[index] = 0 }
            return
        }
        for (index, operation) in program.operations.enumerated() {
            let out = memory + offsets[index]
            switch operation {
            case .energies:
                out.update(from: z, count: m)
            case let .angles(power):
                for i in 0..<(m * m) {
                    let t = theta[i]
                    var value = t
                    for _ in 1..<max(power, 1) { value *= t }
                    out[i] = value
                }
            case let .hadamard(operands):
                hadamard(operands, out: out, m: m)
            case let .matrixVector(a, vector):
                matrixVector(a, x: memory + offsets[vector], out: out, m: m)
            case let .matrixDiagonalMatrix(a, vector, b, symmetric):
                matrixDiagonalMatrix(a, x: memory + offsets[vector], b, symmetric: symmetric, out: out, m: m)
            case let .sum(vector):
                let x = memory + offsets[vector]
                var sum = 0.0
                for i in 0..<m { sum += x[i] }
                out[0] = sum
            case let .eliminate(outputRank, factors):
                eliminate(outputRank: outputRank, factors: factors, out: out, m: m)
            }
        }
        for (index, slot) in program.results.enumerated() {
            results[index] = memory[offsets[slot]]
        }
    }

    // MARK: - Kernels (stride m)

    private func hadamard(_ operands: [EFPProgram.Operand], out: UnsafeMutablePointer<Double>, m: Int) {
        let rank = program.ranks[operands[0].slot]
        let size = rank == 1 ? m : m * m
        out.update(from: memory + offsets[operands[0].slot], count: size)
        if operands[0].transposed { transposeInPlace(out, m: m) }
        for operand in operands.dropFirst() {
            let x = memory + offsets[operand.slot]
            if operand.transposed {
                for i in 0..<m { for j in 0..<m { out[i * m + j] *= x[j * m + i] } }
            } else {
                for i in 0..<size { out[i] *= x[i] }
            }
        }
    }

    private func transposeInPlace(_ a: UnsafeMutablePointer<Double>, m: Int) {
        for i in 0..<m { for j in (i + 1)..<max(i + 1, m) { (a[i * m + j], a[j * m + i]) = (a[j * m + i], a[i * m + j]) } }
    }

    private func matrixVector(_ a: EFPProgram.Operand, x: UnsafeMutablePointer<Double>, out: UnsafeMutablePointer<Double>, m: Int) {
        let matrix = memory + offsets[a.slot]
        if a.transposed {
            // y = A^T x: accumulate rows of A scaled by x, contiguous.
            out.update(repeating: 0, count: m)
            for j in 0..<m {
                let s = x[j]
                let row = matrix + j * m
                for i in 0..<m { out[i] += row[i] * s }
            }
        } else {
            for i in 0..<m {
                let row = matrix + i * m
                var sum = 0.0
                for j in 0..<m { sum += row[j] * x[j] }
                out[i] = sum
            }
        }
    }

    /// `C = A diag(x) B`, with A scaled into scratch and B read row-major (copied if transposed).
    private func matrixDiagonalMatrix(_ a: EFPProgram.Operand, x: UnsafeMutablePointer<Double>, _ b: EFPProgram.Operand,
                                      symmetric: Bool, out: UnsafeMutablePointer<Double>, m: Int) {
        let scaled = scratch
        let rightCopy = scratch + capacity * capacity
        let left = memory + offsets[a.slot]
        for i in 0..<m {
            for j in 0..<m {
                scaled[i * m + j] = (a.transposed ? left[j * m + i] : left[i * m + j]) * x[j]
            }
        }
        var right = UnsafePointer(memory + offsets[b.slot])
        if b.transposed {
            for i in 0..<m { for j in 0..<m { rightCopy[i * m + j] = right[j * m + i] } }
            right = UnsafePointer(rightCopy)
        }
        for i in 0..<m {
            let row = out + i * m
            let start = symmetric ? i : 0
            let width = m - start
            (row + start).update(repeating: 0, count: width)
            for j in 0..<m {
                let s = scaled[i * m + j]
                let source = right + j * m + start
                let target = row + start
                for k in 0..<width { target[k] += s * source[k] }
            }
        }
        if symmetric {
            for i in 0..<m { for k in 0..<i { out[i * m + k] = out[k * m + i] } }
        }
    }

    /// General elimination: `out[o...] = sum_j prod_f factor_f[axes...]`, by odometer.
    private func eliminate(outputRank: Int, factors: [EFPProgram.TensorFactor], out: UnsafeMutablePointer<Double>, m: Int) {
        let count = factors.count
        var outputStrides = [Int](repeating: 0, count: count * outputRank)
        var sumStrides = [Int](repeating: 0, count: count)
        var pointers: [UnsafeMutablePointer<Double>] = []
        for (f, factor) in factors.enumerated() {
            pointers.append(memory + offsets[factor.slot])
            let rank = factor.axisVariables.count
            var step = 1
            for axis in stride(from: rank - 1, through: 0, by: -1) {
                let variable = factor.axisVariables[axis]
                if variable == outputRank { sumStrides[f] += step } else { outputStrides[f * outputRank + variable] += step }
                step *= m
            }
        }
        var index = [Int](repeating: 0, count: outputRank)
        var bases = [Int](repeating: 0, count: count)
        var total = 1
        for _ in 0..<outputRank { total *= m }
        for position in 0..<total {
            for f in 0..<count {
                var base = 0
                for variable in 0..<outputRank { base += index[variable] * outputStrides[f * outputRank + variable] }
                bases[f] = base
            }
            var sum = 0.0
            for j in 0..<m {
                var product = 1.0
                for f in 0..<count { product *= pointers[f][bases[f] + j * sumStrides[f]] }
                sum += product
            }
            out[position] = sum
            // Row-major odometer: the last output variable moves fastest.
            var axis = outputRank - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < m { break }
                index[axis] = 0
                axis -= 1
            }
        }
    }
}
