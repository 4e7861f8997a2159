/// Twitter/X "Download an archive of your data": the `data/*.js` files (tweets, likes, direct
/// messages, following/followers, personalization, ad impressions and engagements, account).
/// Recognized by the `window.YTD.<name>.partN = ` prefix that every data file starts with.
public struct TwitterArchiveImporter: Importer {
    public init() {}

    public var id: String { TwitterArchiveParser.source }
    public var title: String { "Twitter/X archive (data/*.js)" }
    public var howToRequest: String {
        """
        x.com → More → Settings and privacy → Your account → Download an archive of your data → confirm \
        password and code → Request archive; a day or more later download the .zip from the same page. \
        steward reads data/tweets.js, like.js, direct-messages*.js, following.js, follower.js, \
        personalization.js, ad-impressions.js, ad-engagements.js and account.js inside it.
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        guard let name = TwitterArchiveFile.dataSetName(in: probe.trimmedHead) else { return nil }
        guard TwitterArchiveFile(dataSetName: name) != nil else {
            return Detection(confidence: 0.2, reason: "Twitter/X archive data set \"\(name)\", which steward does not read")
        }
        return Detection(confidence: 0.95, reason: "Twitter/X archive data file (window.YTD.\(name))")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser {
        let file = TwitterArchiveFile.dataSetName(in: probe.trimmedHead).flatMap(TwitterArchiveFile.init(dataSetName:)) ?? .tweets
        return TwitterArchiveParser(file: file)
    }
}
