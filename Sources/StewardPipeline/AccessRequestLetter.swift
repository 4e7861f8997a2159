import Localization
import StewardCore

/// A ready access request to the holder of one source's data (`steward request`,
/// docs/requests.md): GDPR Art. 15 or the CCPA right to know, in the localizer's language,
/// addressed to the holder's privacy contact and naming what a download does not show —
/// inferences, ad segments, interest profiles, data from partners, purposes, recipients,
/// retention and the logic of automated decisions — and, from a stored scan, the files that
/// hold such data which the download lacked. Every word is a catalog text (`request.*`).
public struct AccessRequestLetter: Sendable {
    public enum Law: String, CaseIterable, Sendable {
        case gdpr, ccpa
    }

    /// Who holds each source's data, by importer id: the key of `request.platform.<key>.name`
    /// and `.route`. A download read from a device (browser history, SMS, tracks, photos) is
    /// sent to whoever keeps a copy of it or of what it records.
    public static let holders: [String: String] = [
        "bank.ofx": "bank", "bank.qif": "bank", "bank.mt940": "bank", "bank.camt053": "bank", "bank.csv": "bank", "bank.paypal": "paypal", "bank.wise": "wise",
        "bank.alipay": "alipay", "bank.wechatpay": "wechat", "bank.wechatpay_xlsx": "wechat",
        "google.my_activity": "google", "google.my_activity_html": "google", "google.location_records": "google",
        "google.semantic_location": "google", "google.timeline": "google", "google.chrome_history": "google",
        "google.youtube_subscriptions": "google", "google.youtube_comments": "google", "browser.chrome": "google",
        "meta.facebook": "meta", "meta.instagram": "meta", "meta.html": "meta",
        "whatsapp.chat": "whatsapp", "whatsapp.msgstore": "whatsapp", "telegram.desktop": "telegram", "signal.sigexport": "signal",
        "android.sms_backup": "carrier", "android.sms_ie": "carrier", "twitter.archive": "x", "linkedin.csv": "linkedin", "reddit.csv": "reddit",
        "tiktok.json": "tiktok", "browser.firefox": "mozilla", "browser.safari": "apple", "apple.health": "apple",
        "apple.imessage": "apple",
        "spotify.streaming": "spotify", "openai.chatgpt": "openai", "gpx.track": "tracker", "fit.activity": "tracker", "tcx.activity": "tracker",
        "strava.activities": "strava", "garmin.connect": "garmin", "photo.exif": "photos", "video.metadata": "photos",
        "google.pay": "google", "google.photos_sidecar": "google", "amazon.orders": "amazon",
        "tinder.data": "match_group", "hinge.matches": "match_group", "bumble.chatcom": "bumble",
        "google.play": "google", "netflix.viewing": "netflix", "netflix.search": "netflix", "netflix.ratings": "netflix",
        "uber.trips": "uber", "uber.eats": "uber",
        "discord.package": "discord", "snapchat.data": "snap", "snapchat.data_html": "snap",
        // The App Privacy Report never leaves the phone; Apple keeps the App Store record of the
        // apps it lists.
        "apple.app_privacy_report": "apple", "apple.media_services": "apple",
        // Fitbit has been run by Google since 2021 and its data moves into Google accounts.
        "fitbit.export": "google", "google.fit": "google",
        "samsung.health": "samsung",
        // A calendar file may come from Google, iCloud or Outlook: the letter goes to whoever hosts it.
        "calendar.ics": "calendar",
        "mail.mbox": "mail",
        "contacts.vcf": "contacts",
    ]

    /// Files a full download of these sources contains that hold what the platform inferred
    /// about the person or which advertisers reached them, each as the names it has had (the
    /// current one first): the importers read each of them, so a scan of a complete download
    /// lists one of the names among the source's inputs (docs/requests.md). Meta renamed its
    /// ad files in 2024; a download of either generation counts as having them.
    public static let inferenceFiles: [String: [[String]]] = [
        "twitter.archive": [["personalization.js"], ["ad-impressions.js"], ["ad-engagements.js"]],
        "linkedin.csv": [["Inferences_about_you.csv"], ["Ad_Targeting.csv"]],
        "meta.facebook": [["other_categories_used_to_reach_you.json", "ads_interests.json"],
                          ["advertisers_using_your_activity_or_information.json",
                           "advertisers_who_uploaded_a_contact_list_with_your_information.json"]],
        "meta.instagram": [["other_categories_used_to_reach_you.json", "ads_interests.json"],
                           ["advertisers_using_your_activity_or_information.json"]],
        "snapchat.data": [["user_profile.json"]],
        "snapchat.data_html": [["user_profile.html"]],
    ]

    /// What the letter asks for beyond a copy, in order: `request.item.<item>` with its citation
    /// `request.<law>.cite.<item>`.
    public static let items = ["inferences", "segments", "profile", "partners", "purposes", "recipients", "retention", "logic"]

    public var source: String
    /// The source's title in the letter's language (`steward sources` shows the same).
    public var title: String
    public var law: Law
    /// Files the download lacked (from `missingFiles(source:in:)`); empty when none or unknown.
    public var missingFiles: [String]

    public init(source: String, title: String, law: Law, missingFiles: [String] = []) {
        self.source = source
        self.title = title
        self.law = law
        self.missingFiles = missingFiles
    }

    /// The files of `inferenceFiles[source]` that no input of that source is under any of
    /// their names, each by its current name; nil when the report read nothing of that source
    /// (it cannot tell what is missing).
    public static func missingFiles(source: String, in report: ScanReport) -> [String]? {
        let names = Set(report.inputs.filter { $0.source == source }.map { fileName(of: $0.path).lowercased() })
        guard !names.isEmpty else { return nil }
        return (inferenceFiles[source] ?? []).filter { $0.allSatisfy { !names.contains($0.lowercased()) } }.compactMap(\.first)
    }

    /// The last component of an input path, inside an archive too (`a.zip!data/tweets.js`).
    static func fileName(of path: String) -> String {
        String(path.split(whereSeparator: { $0 == "/" || $0 == "!" || $0 == "\\" }).last ?? Substring(path))
    }

    /// The letter: recipient and route, subject, body, signature; one paragraph a line.
    public func render(_ t: Localizer) -> String {
        let holder = Self.holders[source] ?? "bank"
        let law = law.rawValue
        var lines = [t("request.to", ["controller": t("request.platform.\(holder).name")]),
                     t("request.send", ["route": t("request.platform.\(holder).route")]),
                     "",
                     t("request.\(law).subject"),
                     "",
                     t("request.greeting"),
                     "",
                     t("request.\(law).opening"),
                     "",
                     t("request.\(law).ask"),
                     ""]
        for (number, item) in Self.items.enumerated() {
            lines.append("\(number + 1). \(t("request.item.\(item)")) (\(t("request.\(law).cite.\(item)")))")
        }
        lines += ["", t("request.export", ["title": title])]
        if !missingFiles.isEmpty {
            lines += ["", t("request.missing", ["files": missingFiles.joined(separator: t("list.separator"))])]
        }
        lines += ["", t("request.\(law).deadline"), "", t("request.closing"), t("request.signature")]
        return lines.joined(separator: "\n") + "\n"
    }
}
