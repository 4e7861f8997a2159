/// Folds UTF-8 text for lexicon matching, byte by byte and without Foundation: ASCII and Greek
/// and Cyrillic letters (with Kazakh's Ә Қ Ң Ө Ұ Ү) lower-cased, Latin diacritics removed (é→e,
/// ü→u, ß→ss, æ→ae), Ё→е, typographic dashes, quotes and spaces turned into their ASCII forms,
/// combining marks and zero-width characters dropped; traditional Chinese characters become
/// simplified ones (`HanSimplification`). Everything else (CJK, full-width forms, emoji) is copied
/// as UTF-8. Invalid UTF-8 becomes a space, so broken input still folds and acts as a word break.
/// Spaces between two Chinese or Japanese characters are dropped: those scripts are written
/// without spaces, and a search typed with spaces between words ("快递 逾期 未 领取", as word
/// segmenters and some input methods write it) must meet the same terms as the unspaced text
/// (docs/rules.md, "Lexicons and text folding"). Hangul keeps its spaces: Korean separates words.
/// Terms and event text go through the same folder, so both sides always agree.
public enum TextFolder {
    /// Folds `text` into a new byte array.
    public static func fold(_ text: String) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        fold(text, into: &output)
        return output
    }

    /// Appends the folded form of `text` to `output` without copying the string's bytes.
    public static func fold(_ text: String, into output: inout [UInt8]) {
        // Read in place: `withUTF8` is mutating, and the copy it needed was a retain and a
        // release of the string's storage for every field folded (docs/performance.md, "Reference
        // counting on the per-field path (stop 51)"). A native string's
        // bytes are contiguous; only a bridged one takes the copying path.
        if text.utf8.withContiguousStorageIfAvailable({ fold(utf8: $0, into: &output) }) != nil { return }
        var text = text
        text.withUTF8 { fold(utf8: $0, into: &output) }
    }

    /// Appends the folded form of `bytes` to `output` (the caller reuses one buffer per worker).
    public static func fold(utf8 bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        fold(utf8: bytes, into: &output, eightBytesAtATime: true)
    }

    /// `fold(utf8:into:)`; `eightBytesAtATime: false` folds every byte on its own, which the
    /// tests compare the faster path with.
    static func fold(utf8 bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], eightBytesAtATime: Bool) {
        // Folding never lengthens text (every replacement is at most as long as what it
        // replaces), so the output is written in place into room made up front: a copy of the
        // input (one memcpy; zeros appended from `repeatElement` went byte by byte, 1–2 % of a
        // chat scan), every byte of which is written over before it is read.
        let base = output.count
        output.append(contentsOf: bytes)
        let written = output.withUnsafeMutableBufferPointer { buffer in
            var writer = FoldWriter(buffer: buffer, position: base)
            fold(bytes, into: &writer, eightBytesAtATime: eightBytesAtATime)
            return writer.position
        }
        output.removeLast(output.count - written)
    }

    /// A write cursor into reserved output bytes.
    private struct FoldWriter {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        var position: Int

        @inline(__always) mutating func append(_ byte: UInt8) {
            buffer[position] = byte
            position += 1
        }

        @inline(__always) mutating func append(contentsOf bytes: [UInt8]) {
            for b in bytes { append(b) }
        }
    }

    private static func fold(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout FoldWriter, eightBytesAtATime: Bool) {
        var i = 0
        let end = bytes.count
        // Output position just after the last Han or kana character, while only spaces have
        // been written since it; -1 otherwise. A Han character arriving then rewinds over the spaces.
        var hanEnd = -1
        // The same for an ASCII letter or digit: the spaces between it and a Han character are
        // dropped in either order ("孕 12 周" → "孕12周", "nt 检查" → "nt检查"), since Chinese
        // text puts no space there and typists and segmenters do.
        var alnumEnd = -1
        while i < end {
            // Eight ASCII bytes at once, the usual case in most exports' text: capitals
            // lower-cased in one 64-bit word. Only after anything but Han, whose following
            // spaces a letter would rewind over; the runs' state then follows from the last byte
            // that is not a space (docs/performance.md, "Text folded eight bytes at a time").
            if eightBytesAtATime && hanEnd < 0 {
                var consumed = false
                while end - i >= 8 {
                    let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self))
                    if word & highBits != 0 { break }
                    // Per byte (each below 0x80, so no carry crosses a byte): the high bit set
                    // by adding 0x80 - 0x41 when it is at least "A", by adding 0x80 - 0x5B when
                    // it is past "Z"; a capital gets 0x20 added.
                    let capitals = (word &+ ones &* (0x80 - 0x41)) & ~(word &+ ones &* (0x80 - 0x5B)) & highBits
                    let folded = word | (capitals >> 2)
                    UnsafeMutableRawPointer(output.buffer.baseAddress! + output.position).storeBytes(of: folded.littleEndian, as: UInt64.self)
                    let notSpace = lastNonSpace(in: word)
                    if notSpace >= 0 {
                        let last = UInt8(truncatingIfNeeded: folded >> UInt64(notSpace * 8))
                        alnumEnd = last &- 0x61 < 26 || last &- 0x30 < 10 ? output.position + notSpace + 1 : -1
                    }
                    output.position += 8
                    i += 8
                    consumed = true
                }
                if consumed { continue }
            }
            let b0 = bytes[i]
            if b0 < 0x80 {
                if b0 == 0x20 {
                    output.append(0x20) // a space keeps both runs open
                    i += 1
                    continue
                }
                let folded = b0 &- 0x41 < 26 ? b0 | 0x20 : b0
                if folded &- 0x61 < 26 || folded &- 0x30 < 10 {
                    if hanEnd >= 0 { output.position = hanEnd }
                    output.append(folded)
                    alnumEnd = output.position
                } else {
                    output.append(folded)
                    alnumEnd = -1
                }
                hanEnd = -1
                i += 1
                continue
            }
            // Decode one scalar, validating lengths, continuation bytes, overlongs and surrogates.
            var scalar: UInt32 = 0
            var length = 0
            if b0 >= 0xC2 && b0 <= 0xDF {
                length = 2; scalar = UInt32(b0 & 0x1F)
            } else if b0 >= 0xE0 && b0 <= 0xEF {
                length = 3; scalar = UInt32(b0 & 0x0F)
            } else if b0 >= 0xF0 && b0 <= 0xF4 {
                length = 4; scalar = UInt32(b0 & 0x07)
            }
            var valid = length > 0 && end - i >= length
            if valid {
                for k in 1..<length {
                    let c = bytes[i + k]
                    if c & 0xC0 != 0x80 { valid = false; break }
                    scalar = scalar << 6 | UInt32(c & 0x3F)
                }
            }
            if valid {
                switch length {
                case 3: valid = scalar >= 0x800 && !(0xD800...0xDFFF).contains(scalar)
                case 4: valid = scalar >= 0x10000 && scalar <= 0x10FFFF
                default: break
                }
            }
            guard valid else {
                hanEnd = -1 // broken input stays a word break
                alnumEnd = -1
                output.append(0x20)
                i += 1
                continue
            }
            let han = isHanOrKana(scalar)
            if han {
                if hanEnd >= 0 { output.position = hanEnd } else if alnumEnd >= 0 { output.position = alnumEnd }
            }
            let before = output.position
            appendFolded(scalar: scalar, original: bytes, at: i, length: length, into: &output)
            if han {
                hanEnd = output.position
                alnumEnd = -1
            } else if output.position != before && !(output.position == before + 1 && output.buffer[before] == 0x20) {
                hanEnd = -1 // anything but a space or a dropped mark ends the run
                alnumEnd = -1
            }
            i += length
        }
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The index (0–7, first byte first) of the last byte of eight ASCII bytes that is not a
    /// space, or -1 when all are spaces.
    @inline(__always)
    private static func lastNonSpace(in word: UInt64) -> Int {
        let x = word ^ (ones &* 0x20) // a space becomes 0; every byte stays below 0x80
        let notSpace = ((x &+ ones &* 0x7F) | x) & highBits
        return notSpace == 0 ? -1 : (63 - notSpace.leadingZeroBitCount) / 8
    }

    @inline(__always)
    private static func appendFolded(scalar: UInt32, original: UnsafeBufferPointer<UInt8>, at start: Int, length: Int,
                                     into output: inout FoldWriter) {
        switch scalar {
        case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
            output.append(0x20) // no-break, thin and ideographic spaces separate words like a space
        case 0x00C0...0x017F:
            output.append(contentsOf: latinFolds[Int(scalar - 0xC0)])
        case 0x0300...0x036F, 0x200B...0x200F, 0x2060, 0xFEFF:
            break // combining marks (decomposed é), zero-width characters, BOM, LRM/RLM marks
        case 0x0391...0x03A9:
            appendUTF8(scalar + 0x20, into: &output) // Greek capitals
        case 0x0401, 0x0451, 0x0400, 0x0450:
            appendUTF8(0x0435, into: &output) // Ё, ё (and Ѐ ѐ) are written as е in most texts
        case 0x0410...0x042F:
            appendUTF8(scalar + 0x20, into: &output) // А–Я
        case 0x0402...0x040F:
            appendUTF8(scalar + 0x50, into: &output) // Ђ–Џ
        case 0x048A...0x04BF where scalar & 1 == 0, 0x04D0...0x04FF where scalar & 1 == 0,
             0x04C1...0x04CE where scalar & 1 == 1:
            // Cyrillic letters of Kazakh, Tatar, Bashkir and other languages of Russia and
            // Central Asia (Ә Ғ Қ Ң Ө Ұ Ү Һ): capital and small letter side by side, so a
            // statement in capitals meets the lower-case term.
            appendUTF8(scalar + 1, into: &output)
        case 0x04C0:
            appendUTF8(0x04CF, into: &output) // Ӏ (palochka)
        case 0x2010...0x2015, 0x2212:
            output.append(UInt8(ascii: "-"))
        case 0x2018...0x201B, 0x2032:
            output.append(UInt8(ascii: "'"))
        case 0x201C...0x201F, 0x00AB, 0x00BB:
            output.append(UInt8(ascii: "\""))
        case HanSimplification.firstScalar...HanSimplification.lastScalar:
            // Traditional Chinese characters are written in their simplified form, so either
            // spelling of a term meets either spelling of the text (遊行/游行, 貸款/贷款).
            let simplified = HanSimplification.simplified[Int(scalar - HanSimplification.firstScalar)]
            if simplified == 0 {
                for k in 0..<length { output.append(original[start + k]) }
            } else {
                let value = UInt32(simplified)
                output.append(UInt8(0xE0 | (value >> 12)))
                output.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
                output.append(UInt8(0x80 | (value & 0x3F)))
            }
        default:
            for k in 0..<length { output.append(original[start + k]) }
        }
    }

    /// CJK ideographs (with extensions and compatibility forms) and Japanese kana: scripts
    /// written without spaces between words. Not Hangul, full-width Latin or CJK punctuation.
    @inline(__always)
    static func isHanOrKana(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: return true
        default: return false
        }
    }

    private static func appendUTF8(_ scalar: UInt32, into output: inout FoldWriter) {
        // Only called for scalars below U+0800 (Greek, Cyrillic).
        output.append(UInt8(0xC0 | (scalar >> 6)))
        output.append(UInt8(0x80 | (scalar & 0x3F)))
    }

    /// U+00C0…U+017F (Latin-1 Supplement letters and Latin Extended-A) without diacritics.
    /// × and ÷ are kept as they are; ß, æ, œ, þ and ĳ become two letters.
    private static let latinFolds: [[UInt8]] = {
        let latin1 = ["a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
                      "d", "n", "o", "o", "o", "o", "o", "\u{D7}", "o", "u", "u", "u", "u", "y", "th", "ss",
                      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
                      "d", "n", "o", "o", "o", "o", "o", "\u{F7}", "o", "u", "u", "u", "u", "y", "th", "y"]
        // Latin Extended-A comes in runs of one base letter (upper/lower pairs).
        let runs: [(String, Int)] = [
            ("a", 6), ("c", 8), ("d", 4), ("e", 10), ("g", 8), ("h", 4), ("i", 10), ("ij", 2), ("j", 2),
            ("k", 3), ("l", 10), ("n", 9), ("o", 6), ("oe", 2), ("r", 6), ("s", 8), ("t", 6), ("u", 12),
            ("w", 2), ("y", 3), ("z", 6), ("s", 1),
        ]
        var table = latin1.map { Array($0.utf8) }
        for (letters, count) in runs { for _ in 0..<count { table.append(Array(letters.utf8)) } }
        precondition(table.count == 0x180 - 0xC0, "Latin fold table must cover U+00C0…U+017F")
        return table
    }()
}
