/// The last check before an event enters a scan: its times within
/// `UntrustedTime.plausibleYears`, its coordinates finite and on the globe, its quantity
/// finite. Importers check where they convert (that is where a trap would happen); this
/// catches what a civil-date parser lets through (year 0001, 9999) and anything an importer
/// missed, so the rules' arithmetic on times and positions never meets an absurd value.
public enum EventPlausibility {
    /// Why `event` must not be used, or nil when its values are plausible.
    public static func problem(in event: Event) -> UntrustedNumberError? {
        let plausible = UntrustedTime.plausibleEpochSeconds
        if let time = event.time, !plausible.contains(time.epochSeconds) {
            return UntrustedNumberError(field: "time", value: UntrustedTime.describe(time), problem: .implausibleDate)
        }
        if let end = event.endTime, !plausible.contains(end.epochSeconds) {
            return UntrustedNumberError(field: "end time", value: UntrustedTime.describe(end), problem: .implausibleDate)
        }
        do {
            if let latitude = event.latitude { _ = try CheckedNumber.latitude(latitude, field: "latitude") }
            if let longitude = event.longitude { _ = try CheckedNumber.longitude(longitude, field: "longitude") }
            if let quantity = event.quantity { _ = try CheckedNumber.finite(quantity, field: "quantity") }
        } catch {
            return error
        }
        return nil
    }
}
