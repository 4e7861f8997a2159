/// Folder and file names Google Takeout and the on-device Timeline export have used for
/// location data, in English, German, French, Spanish and Russian. They only raise an
/// importer's confidence: content decides, because exports get renamed, re-zipped and
/// localized in languages not listed here. Names compare lower-cased.
enum LocationTakeoutNames {
    /// The Takeout product folder ("Takeout/Location History/…"). Google renamed it to
    /// "Location History (Timeline)" in 2023 in some locales.
    static let productFolders: [String] = [
        "location history", "location history (timeline)", "semantic location history",
        "standortverlauf", "standortverlauf (timeline)", "semantischer standortverlauf",
        "historique des positions", "historique des positions (timeline)", "historique des positions sémantiques",
        "historial de ubicaciones", "historial de ubicaciones (cronología)", "historial de ubicaciones semántico",
        "история местоположений", "история местоположений (хронология)", "семантическая история местоположений",
    ]

    /// Names of the raw-fix file: "Records.json" since 2022, earlier the product name + ".json".
    static let recordsFiles: Set<String> = [
        "records.json", "location history.json", "standortverlauf.json",
        "historique des positions.json", "historial de ubicaciones.json", "история местоположений.json",
    ]

    /// Names of the on-device export (Android writes Timeline.json, iOS location-history.json).
    static let timelineFiles: Set<String> = ["timeline.json", "location-history.json", "zeitachse.json"]

    /// Month names as they appear in "2019_JANUARY.json" month files, per language.
    static let monthNames: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "januar", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember",
        "janvier", "février", "mars", "avril", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre",
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
        "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
    ]

    /// True when a folder of `path` (display path, archive members joined with `!`) is one of
    /// the location product folders.
    static func isInLocationFolder(_ path: String) -> Bool {
        for component in path.split(whereSeparator: { $0 == "/" || $0 == "!" }).dropLast()
        where productFolders.contains(component.lowercased()) {
            return true
        }
        return false
    }

    /// True for "2019_JANUARY.json" and its localized forms.
    static func isMonthFileName(_ fileName: String) -> Bool {
        let lower = fileName.lowercased()
        guard lower.hasSuffix(".json"), lower.count > 10 else { return false }
        let stem = lower.dropLast(5)
        let year = stem.prefix(4)
        guard year.allSatisfy(\.isASCII), Int(year) != nil, stem.dropFirst(4).first == "_" else { return false }
        return monthNames.contains(String(stem.dropFirst(5)))
    }
}
