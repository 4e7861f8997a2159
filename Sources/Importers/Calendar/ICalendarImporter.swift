import StewardCore

/// iCalendar `.ics` files (see `ICalendarParser`), known by their first line,
/// `BEGIN:VCALENDAR`, whatever the name: Google's Takeout names each file after its calendar
/// (`Takeout/Calendar/Anna Müller.ics`, `Feiertage in Deutschland.ics`).
public struct ICalendarImporter: Importer {
    public init() {}

    public var id: String { ICalendarParser.source }
    public var title: String { "Calendar (iCalendar .ics: Google Calendar Takeout, Apple, Outlook)" }
    public var howToRequest: String {
        """
        Google Calendar: Google Takeout (takeout.google.com) → deselect all → select "Calendar" → \
        export; the zip holds Takeout/Calendar/<calendar name>.ics (or calendar.google.com → \
        Settings → Import & export → Export). Apple Calendar: File → Export → Export…; Outlook: \
        File → Save Calendar. steward reads every .ics file, inside the zip too.
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead
        let marker = Array("BEGIN:VCALENDAR".utf8)
        guard head.count >= marker.count,
              zip(head.prefix(marker.count), marker).allSatisfy({ ($0 | 0x20) == ($1 | 0x20) }) else { return nil }
        let named = probe.fileExtension == "ics" || probe.fileExtension == "ical" || probe.fileExtension == "ifb"
        return Detection(confidence: named ? 0.95 : 0.9, reason: "text starting with BEGIN:VCALENDAR (iCalendar, RFC 5545)")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { ICalendarParser() }
}
