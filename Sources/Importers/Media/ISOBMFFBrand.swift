import Formats

/// What an ISO-BMFF file says it is: the brands of its leading `ftyp` box (major brand, then
/// compatible brands), which tell a HEIC photo from an MP4 or MOV video before any box is read.
enum ISOBMFFBrand {
    /// Image brands (HEIF: heic/heix/heim/heis/mif1, AVIF: avif) and movie brands (ISO MP4,
    /// QuickTime, 3GPP, Apple's M4V) as the files of phones and cameras carry them.
    static let imageBrands: Set<String> = ["heic", "heix", "heim", "heis", "mif1", "avif"]
    static let movieBrands: Set<String> = ["isom", "iso2", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "qt  ",
                                           "M4V ", "M4VP", "3gp4", "3gp5", "3gp6", "3g2a", "MSNV", "XAVC", "mmp4"]
    static let knownBrands = imageBrands.union(movieBrands)

    /// The brand that decides, from a file head: the major brand if it is a known one, else the
    /// first known compatible brand, else the major brand; nil when the file does not start
    /// with `ftyp`.
    static func of(_ head: [UInt8]) -> String? {
        guard head.count >= 16, head[4..<8].elementsEqual(Array("ftyp".utf8)) else { return nil }
        let size = min(head.count, max(16, head[0..<4].reduce(0) { $0 << 8 | Int($1) }), 1024)
        var brands = [brand(head[8..<12])]
        var index = 16
        while index + 4 <= size { brands.append(brand(head[index..<(index + 4)])); index += 4 }
        return brands.first(where: { knownBrands.contains($0) }) ?? brands[0]
    }

    static func isImage(_ brand: String) -> Bool { imageBrands.contains(brand) }
    static func isMovie(_ brand: String) -> Bool { movieBrands.contains(brand) }

    private static func brand(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
