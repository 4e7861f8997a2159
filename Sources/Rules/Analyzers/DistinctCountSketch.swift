import Foundation

/// An estimate of how many distinct items a stream holds, in 16 KB whatever its length: a
/// HyperLogLog sketch (Flajolet, Fusy, Gandouet & Meunier, "HyperLogLog: the analysis of a
/// near-optimal cardinality estimation algorithm", AofA 2007) of 2^14 registers, read with
/// Ertl's estimator. Its standard error is 1.04 / √16384 ≈ 0.81 %: within
/// 1.6 % in 95 of 100 cases. Items are given as 64-bit keys and mixed with a fixed function,
/// so the same records give the same estimate on every run (docs/analyzers/location.md).
struct DistinctCountSketch: Sendable, Equatable {
    static let precision = 14
    static let registerCount = 1 << precision
    /// Twice the standard error, as a share: what a report says the estimate is within.
    static let errorBound = 2 * 1.04 / Double(registerCount).squareRoot()

    private(set) var registers = [UInt8](repeating: 0, count: registerCount)

    /// Adds an item; the same key twice counts once.
    mutating func insert(_ key: UInt64) {
        let hash = Self.mix(key)
        let index = Int(hash >> UInt64(64 - Self.precision))
        // The position of the first 1 bit after the index bits, 1-based; a guard bit keeps
        // it at most 64 - precision + 1.
        let rest = hash << UInt64(Self.precision) | (1 << UInt64(Self.precision - 1))
        let rank = UInt8(rest.leadingZeroBitCount + 1)
        if rank > registers[index] { registers[index] = rank }
    }

    /// The sketch of both streams together.
    mutating func merge(_ other: DistinctCountSketch) {
        for i in 0..<Self.registerCount where other.registers[i] > registers[i] { registers[i] = other.registers[i] }
    }

    /// The estimated number of distinct items, by Ertl's estimator ("New cardinality estimation
    /// algorithms for HyperLogLog sketches", 2017): it reads the histogram of register values
    /// and needs neither the linear-counting switch nor bias tables, which left the classic
    /// estimate 3 % high around 40,000 items.
    var estimate: Int {
        let m = Double(Self.registerCount)
        let q = 64 - Self.precision
        var histogram = [Double](repeating: 0, count: q + 2)
        for r in registers { histogram[Int(r)] += 1 }
        var z = m * Self.tau(1 - histogram[q + 1] / m)
        for k in stride(from: q, through: 1, by: -1) { z = 0.5 * (z + histogram[k]) }
        z += m * Self.sigma(histogram[0] / m)
        return Int((m * m / (2 * log(2.0)) / z).rounded())
    }

    private static func sigma(_ x: Double) -> Double {
        if x == 1 { return .infinity }
        var x = x, y = 1.0, z = x
        while true {
            x *= x
            let next = z + x * y
            y += y
            if next == z { return z }
            z = next
        }
    }

    private static func tau(_ x: Double) -> Double {
        if x == 0 || x == 1 { return 0 }
        var x = x, y = 1.0, z = 1 - x
        while true {
            x = x.squareRoot()
            let next = z - (1 - x) * (1 - x) * y
            y *= 0.5
            if next == z { return z / 3 }
            z = next
        }
    }

    /// SplitMix64's finaliser: every bit of the key moves every bit of the hash.
    static func mix(_ key: UInt64) -> UInt64 {
        var z = key &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
