/// How WhatsApp writes a media message in a chat export, so it is not taken for words:
/// - iOS with media: `<attached: 00000012-PHOTO-2020-06-01-12-00-06.jpg>`, possibly after a
///   caption ("A PDF.pdf • 1 page <attached: some-doc.pdf>");
/// - iOS without media: `image omitted`, `video omitted`, `audio omitted`, `sticker omitted`,
///   `GIF omitted`, `document omitted`;
/// - Android with media: `IMG-20190101-WA0001.jpg (file attached)`;
/// - Android without media: `<Media omitted>` (German `<Medien ausgeschlossen>`, Spanish
///   `<Multimedia omitido>`, French `<Médias omis>`).
/// Compared as bytes: this runs once per message.
enum WhatsAppAttachment {
    /// The attached file's name, or a short description when the media was left out; nil when
    /// the text is an ordinary message.
    static func recognize(_ text: ArraySlice<UInt8>) -> String? {
        guard let last = text.last else { return nil }
        if last == UInt8(ascii: ">") {
            if let start = lastRange(of: attachedPrefix, in: text) {
                return String(decoding: text[(start + attachedPrefix.count)..<(text.endIndex - 1)], as: UTF8.self)
            }
            if text.first == UInt8(ascii: "<") && text.count <= 40 {
                for omitted in mediaOmitted where text.elementsEqual(omitted) { return "media omitted" }
            }
            return nil
        }
        if last == UInt8(ascii: ")") {
            for suffix in fileAttachedSuffixes where text.count > suffix.count && text.suffix(suffix.count).elementsEqual(suffix) {
                return String(decoding: text.dropLast(suffix.count), as: UTF8.self)
            }
            return nil
        }
        if last == UInt8(ascii: "d") && text.count <= 24 {
            for omitted in iOSOmitted where text.elementsEqual(omitted) { return String(decoding: omitted, as: UTF8.self) }
        }
        return nil
    }

    private static let attachedPrefix = Array("<attached: ".utf8)
    private static let mediaOmitted: [[UInt8]] = ["<Media omitted>", "<Medien ausgeschlossen>", "<Multimedia omitido>", "<Médias omis>"].map { Array($0.utf8) }
    private static let fileAttachedSuffixes: [[UInt8]] = [" (file attached)", " (Datei angehängt)", " (archivo adjunto)", " (fichier joint)"].map { Array($0.utf8) }
    private static let iOSOmitted: [[UInt8]] = ["image omitted", "video omitted", "audio omitted", "sticker omitted", "GIF omitted", "document omitted"].map { Array($0.utf8) }

    private static func lastRange(of needle: [UInt8], in text: ArraySlice<UInt8>) -> Int? {
        guard text.count >= needle.count else { return nil }
        var i = text.endIndex - needle.count
        while i >= text.startIndex {
            if text[i] == needle[0] && text[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i -= 1
        }
        return nil
    }
}
