#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A compiled `LexiconAutomaton` written out as bytes, so a binary can carry its built-in
/// rules' automaton ready to use instead of compiling it on every run: compiling ~57,000
/// terms was about half of loading the rules, and loading is paid by every command
/// (docs/performance.md, "The lexicon automaton compiled at build time").
///
/// An image is only ever used for the exact term list it was compiled from: its `key` hashes
/// every term (group, text, prefix mark, inflection's language) with the dense-state count and
/// `LexiconAutomaton.imageRevision`. Rules that differ in any term (a `--rules` folder being
/// edited, a user's own rules) get a key of their own and are compiled as before, and a test
/// compares the built-in image with a fresh compile of the same terms, byte for byte.
public struct LexiconAutomatonImage: Sendable {
    /// `LexiconAutomaton.imageKey(of:denseStateCount:)` of the terms the image was compiled from.
    public let key: UInt64
    private let storage: Storage

    private enum Storage: Sendable {
        case literal(StaticString)
        case bytes([UInt8])
    }

    /// An image carried in a string literal (the build-time tool writes `imageBytes` as one;
    /// every byte of an image is a printable ASCII character, so the literal's bytes are the
    /// image's and are read in place).
    public init(key: UInt64, literal: StaticString) {
        self.key = key
        storage = .literal(literal)
    }

    public init(key: UInt64, bytes: [UInt8]) {
        self.key = key
        storage = .bytes(bytes)
    }

    /// The image's bytes, read in place. A literal's pages are given back to the system once
    /// read: they are part of the binary's file, read once per load, and would otherwise stay
    /// resident through the scan (6 MiB of a 40 MB QIF scan's peak; docs/performance.md, "The
    /// lexicon automaton compiled at build time"). Read again, they come back from the file.
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        switch storage {
        case .literal(let literal):
            defer { Self.releasePages(of: literal) }
            return body(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
        case .bytes(let bytes):
            return bytes.withUnsafeBufferPointer(body)
        }
    }

    /// Tells the system the whole pages inside `literal` are not needed now (read-only pages of
    /// the binary: nothing is lost, and the next read maps them in again).
    private static func releasePages(of literal: StaticString) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard page > 0 else { return }
        let start = Int(bitPattern: literal.utf8Start)
        let firstPage = (start + page - 1) / page * page
        let endPage = (start + literal.utf8CodeUnitCount) / page * page
        guard endPage > firstPage, let address = UnsafeMutableRawPointer(bitPattern: firstPage) else { return }
        _ = madvise(address, endPage - firstPage, Int32(MADV_DONTNEED))
    }

    /// The image's bytes, copied (for tests and the build-time tool).
    public var bytes: [UInt8] { withBytes { Array($0) } }
}

/// Numbers as the image holds them: zigzag (small negative numbers stay small), then five bits
/// per byte, least significant first, each byte `0x30 + bits` plus 32 when more follow — so
/// every byte is one of the 64 printable characters "0"…"o" and the image is its own string
/// literal. Columns are written as differences from what the layout predicts (a sparse state's
/// first child is usually the next state, a pattern's outputs follow the previous pattern's),
/// which keeps most numbers to one byte: the built-in rules' image is 7.6 MB where the tables are 17.
private struct ImageWriter {
    var bytes: [UInt8] = []

    mutating func number(_ value: Int) {
        var rest = UInt64(bitPattern: Int64((value << 1) ^ (value >> 63)))
        repeat {
            let digit = UInt8(rest & 31)
            rest >>= 5
            bytes.append(0x30 + digit + (rest != 0 ? 32 : 0))
        } while rest != 0
    }

    mutating func number(_ value: Int32) { number(Int(value)) }

    mutating func byteArray(_ array: [UInt8]) {
        number(array.count)
        for b in array { number(Int(b)) }
    }

    mutating func string(_ string: String) { byteArray(Array(string.utf8)) }
}

/// Reads an image back; a short or malformed image gives `nil`, never a crash (the caller
/// compiles instead).
private struct ImageReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var offset = 0
    var failed = false

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The next number; 0 and `failed` set past the end or on a byte outside the alphabet.
    mutating func number() -> Int {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 64 else { failed = true; return 0 }
            let byte = bytes[offset]
            offset += 1
            guard byte >= 0x30, byte < 0x70 else { failed = true; return 0 }
            let digit = byte - 0x30
            result |= UInt64(digit & 31) << shift
            shift += 5
            if digit < 32 { break }
        }
        return Int(Int64(bitPattern: result >> 1) ^ -Int64(bitPattern: result & 1))
    }

    mutating func int32() -> Int32 {
        let value = number()
        guard let narrow = Int32(exactly: value) else { failed = true; return 0 }
        return narrow
    }

    /// A count: not negative, and not more than the bytes left could hold.
    mutating func count() -> Int {
        let value = number()
        guard value >= 0, value <= bytes.count - offset else { failed = true; return 0 }
        return value
    }

    mutating func byteArray() -> [UInt8] {
        (0..<count()).map { _ in UInt8(truncatingIfNeeded: number()) }
    }

    mutating func string() -> String {
        String(decoding: byteArray(), as: UTF8.self)
    }
}

extension LexiconAutomaton {
    /// Changes whenever the compiled layout or what compiling does changes, so an image
    /// written by an older compiler is never taken for the current one.
    public static let imageRevision: UInt64 = 1

    /// The key an image of `terms` compiled with `denseStateCount` full-row states carries.
    public static func imageKey(of terms: [Term], denseStateCount: Int = LexiconAutomaton.defaultDenseStateCount) -> UInt64 {
        var value: UInt64 = 0xcbf29ce484222325
        @inline(__always) func mix(_ byte: UInt8) { value = (value ^ UInt64(byte)) &* 0x100000001b3 }
        for b in "lexicon automaton image \(imageRevision) \(denseStateCount)".utf8 { mix(b) }
        for term in terms {
            for b in term.group.utf8 { mix(b) }
            mix(0)
            for b in term.text.utf8 { mix(b) }
            mix(0)
            mix(term.isPrefix ? 1 : 0)
            for b in (term.inflection?.language ?? "").utf8 { mix(b) }
            mix(0)
        }
        return value
    }

    /// The automaton's compiled tables as an image (`LexiconAutomatonImage`); the terms are
    /// not in it (the loader reads them from the rules either way).
    public var imageBytes: [UInt8] {
        var w = ImageWriter()
        w.number(Int(Self.imageRevision))
        w.number(classCount)
        w.number(denseStateCount)
        w.number(groups.count)
        for group in groups { w.string(group) }
        w.number(inflections.count)
        for inflection in inflections { w.string(inflection.language) }
        w.byteArray(byteClass)
        // Each pattern's outputs follow the previous pattern's: only their count is written.
        w.number(patterns.count)
        for p in patterns {
            w.number(p.length)
            w.number((p.needsLeftBoundary ? 1 : 0) | (p.needsRightBoundary ? 2 : 0))
            w.number(p.outputCount)
        }
        w.number(outputs.count)
        var previousTerm: Int32 = 0
        for o in outputs {
            w.number(o.term - previousTerm)
            previousTerm = o.term
            w.number(o.group)
            w.number((o.isPrefix ? 1 : 0) | (o.mayEndCompound ? 2 : 0))
            w.number(o.inflection)
            w.number(o.firstWord)
            w.number(o.numberGap)
        }
        w.number(firstWords.count)
        for word in firstWords {
            w.byteArray(word.stem)
            w.byteArray(word.written)
            w.number(word.endings.count)
            for ending in word.endings { w.byteArray(ending) }
        }
        w.number(numberGaps.count)
        for gap in numberGaps {
            w.byteArray(gap.before)
            w.number(gap.beforeNeedsLeftBoundary ? 1 : 0)
        }
        w.number(denseRows.count)
        for entry in denseRows { w.number(entry) }
        // A sparse state's run of other transitions starts where the previous one's ended, and
        // its first transition nearly always leads to the next state (depth-first numbers).
        w.number(sparseStates.count)
        for (k, state) in sparseStates.enumerated() {
            w.number(state.fallbackRow)
            w.number(state.firstException - (k == 0 ? 0 : sparseStates[k - 1].firstException))
            w.number(state.firstClass)
            let reports = state.firstTarget < 0
            let target = reports ? ~state.firstTarget : state.firstTarget
            w.number((Int(target) - (denseCodeLimit + k + 1)) * 2 + (reports ? 1 : 0))
        }
        w.number(exceptions.count)
        for e in exceptions {
            w.number(e.target)
            w.number(e.byteClass)
        }
        w.number(patternAt.count)
        for p in patternAt { w.number(p) }
        for link in outputLink { w.number(link) }
        return w.bytes
    }

    /// The automaton of `terms`: read from `image` when it was compiled from exactly these
    /// terms (its key matches and it reads back whole), compiled otherwise. Both give the same
    /// automaton.
    public init(terms: [Term], image: LexiconAutomatonImage?, denseStateCount: Int = LexiconAutomaton.defaultDenseStateCount) {
        if let image, let read = LexiconAutomaton(terms: terms, readingImage: image, denseStateCount: denseStateCount) {
            self = read
        } else {
            self.init(terms: terms, denseStateCount: denseStateCount)
        }
    }

    /// The automaton `image` holds, nil when it was compiled from other terms or does not read
    /// back whole.
    init?(terms: [Term], readingImage image: LexiconAutomatonImage, denseStateCount: Int = LexiconAutomaton.defaultDenseStateCount) {
        guard image.key == Self.imageKey(of: terms, denseStateCount: denseStateCount),
              let read = image.withBytes({ LexiconAutomaton(terms: terms, imageBytes: $0) }) else { return nil }
        self = read
    }

    private init?(terms: [Term], imageBytes image: UnsafeBufferPointer<UInt8>) {
        var r = ImageReader(image)
        guard r.number() == Int(Self.imageRevision) else { return nil }
        let classCount = r.count(), denseStateCount = r.count()
        let groups = (0..<r.count()).map { _ in r.string() }
        var inflections: [Inflection] = []
        for _ in 0..<r.count() {
            guard let inflection = Inflection.of(language: r.string()) else { return nil }
            inflections.append(inflection)
        }
        let byteClass = r.byteArray()
        var firstOutput: Int32 = 0
        let patterns = (0..<r.count()).map { _ in
            let length = r.int32(), flags = r.int32(), outputCount = r.int32()
            defer { firstOutput &+= outputCount }
            return CompiledPattern(length: length, needsLeftBoundary: flags & 1 != 0, needsRightBoundary: flags & 2 != 0,
                                   firstOutput: firstOutput, outputCount: outputCount)
        }
        var term: Int32 = 0
        let outputs = (0..<r.count()).map { _ in
            term &+= r.int32()
            let group = r.int32(), flags = r.int32()
            return Output(term: term, group: group, isPrefix: flags & 1 != 0, inflection: r.int32(),
                          mayEndCompound: flags & 2 != 0, firstWord: r.int32(), numberGap: r.int32())
        }
        let firstWords = (0..<r.count()).map { _ in
            FirstWord(stem: r.byteArray(), written: r.byteArray(), endings: (0..<r.count()).map { _ in r.byteArray() })
        }
        let numberGaps = (0..<r.count()).map { _ in NumberGap(before: r.byteArray(), beforeNeedsLeftBoundary: r.number() != 0) }
        let denseRows = (0..<r.count()).map { _ in r.int32() }
        let denseCodeLimit = denseRows.count
        var firstException: Int32 = 0
        let sparseStates = (0..<r.count()).map { k in
            let fallbackRow = r.int32()
            firstException &+= r.int32()
            let firstClass = r.int32()
            let packed = r.number()
            let target = Int32(truncatingIfNeeded: (packed >> 1) + denseCodeLimit + k + 1)
            return SparseState(fallbackRow: fallbackRow, firstException: firstException, firstClass: firstClass,
                               firstTarget: packed & 1 != 0 ? ~target : target)
        }
        let exceptions = (0..<r.count()).map { _ in Exception(target: r.int32(), byteClass: r.int32()) }
        let stateCount = r.count()
        let patternAt = (0..<stateCount).map { _ in r.int32() }
        let outputLink = (0..<stateCount).map { _ in r.int32() }
        // The tables must fit one another: a scan indexes them without further checks.
        guard !r.failed, r.offset == image.count, byteClass.count == 256, classCount > 0,
              byteClass.allSatisfy({ Int($0) < classCount }),
              denseRows.count == denseStateCount * classCount, stateCount == denseStateCount + sparseStates.count - 1,
              outputs.allSatisfy({ $0.term >= 0 && Int($0.term) < terms.count && $0.group >= 0 && Int($0.group) < groups.count
                                   && Int($0.inflection) < inflections.count && Int($0.firstWord) < firstWords.count
                                   && Int($0.numberGap) < numberGaps.count }),
              Int(firstOutput) == outputs.count
        else { return nil }
        let sparseCount = sparseStates.count - 1
        func isState(_ code: Int32) -> Bool {
            let c = Int(code < 0 ? ~code : code)
            return c < denseCodeLimit ? c % classCount == 0 : c - denseCodeLimit < sparseCount
        }
        guard denseRows.allSatisfy(isState), exceptions.allSatisfy({ isState($0.target) && $0.byteClass < classCount }),
              sparseStates.dropLast().allSatisfy({ isState($0.fallbackRow) && ($0.firstClass < 0 || isState($0.firstTarget))
                                                   && $0.firstClass < classCount && Int($0.firstException) <= exceptions.count }),
              patternAt.allSatisfy({ Int($0) < patterns.count }), outputLink.allSatisfy({ Int($0) < stateCount })
        else { return nil }
        self.groups = groups
        self.terms = terms
        self.patterns = patterns
        self.outputs = outputs
        self.inflections = inflections
        self.firstWords = firstWords
        self.numberGaps = numberGaps
        self.byteClass = byteClass
        self.classCount = classCount
        self.denseStateCount = denseStateCount
        self.denseCodeLimit = denseCodeLimit
        self.denseRows = denseRows
        self.sparseStates = sparseStates
        self.exceptions = exceptions
        self.patternAt = patternAt
        self.outputLink = outputLink
    }
}
