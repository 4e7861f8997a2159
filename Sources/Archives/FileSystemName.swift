#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// File names are bytes; Swift strings are Unicode. A name that is not valid UTF-8 (a
/// Latin-1 `relevé.csv` copied from an old system) cannot be a `String` as it is, and
/// Foundation replaces its bad bytes with U+FFFD, after which the file can no longer be opened
/// by that name. steward keeps such names lossless: each byte that is not part of valid UTF-8 is
/// written as a private-use character U+F780…U+F7FF, and turned back into the byte whenever the
/// name is handed to the operating system (docs/privacy.md, "Limits"). Shown to a person, the
/// byte is U+FFFD.
public enum FileSystemName {
    public static let escapeBase: UInt32 = 0xF700

    /// Why a ZIP archive with such a name is not read: the ZIP library opens archives by name.
    static let archiveNameProblem = "its name is not valid UTF-8, and archives are opened by name: rename it (e.g. convmv -f latin1 -t utf8) and scan again"

    /// The name of raw directory-entry bytes, invalid bytes escaped.
    public static func decode(_ bytes: some Collection<UInt8>) -> String {
        let raw = Array(bytes)
        if let valid = String(validating: raw, as: UTF8.self) { return valid }
        var scalars = String.UnicodeScalarView()
        var index = 0
        while index < raw.count {
            var parser = Unicode.UTF8.ForwardParser()
            var rest = raw[index...].makeIterator()
            switch parser.parseScalar(from: &rest) {
            case .valid(let encoded):
                scalars.append(Unicode.UTF8.decode(encoded))
                index += encoded.count
            case .error(let length):
                for byte in raw[index..<min(raw.count, index + max(1, length))] {
                    scalars.append(byte < 0x80 ? Unicode.Scalar(byte) : Unicode.Scalar(escapeBase + UInt32(byte))!)
                }
                index += max(1, length)
            case .emptyInput:
                index = raw.count
            }
        }
        return String(scalars)
    }

    /// The bytes to give the operating system for `name` (NUL-terminated).
    public static func bytes(_ name: String) -> [CChar] {
        var out: [CChar] = []
        out.reserveCapacity(name.utf8.count + 1)
        for scalar in name.unicodeScalars {
            if (escapeBase + 0x80...escapeBase + 0xFF).contains(scalar.value) {
                out.append(CChar(bitPattern: UInt8(scalar.value - escapeBase)))
            } else {
                for byte in String(scalar).utf8 { out.append(CChar(bitPattern: byte)) }
            }
        }
        out.append(0)
        return out
    }

    /// True when `name` holds escaped bytes (only such names need the byte form).
    public static func hasEscapedBytes(_ name: String) -> Bool {
        name.unicodeScalars.contains { (escapeBase + 0x80...escapeBase + 0xFF).contains($0.value) }
    }

    /// How a person sees the name: each escaped byte as U+FFFD.
    public static func display(_ name: String) -> String {
        guard hasEscapedBytes(name) else { return name }
        return String(String.UnicodeScalarView(name.unicodeScalars.map {
            (escapeBase + 0x80...escapeBase + 0xFF).contains($0.value) ? "\u{FFFD}" : $0
        }))
    }

    /// The entries of a directory as lossless names, or nil when it cannot be read.
    public static func entries(of directory: String) -> [String]? {
        guard let handle = opendir(bytes(directory)) else { return nil }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> [UInt8] in
                Array(raw.prefix { $0 != 0 })
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            names.append(decode(name))
        }
        return names
    }
}
