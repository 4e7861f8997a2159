/// Chromium's page transition: the low byte is the core type (ui/base/page_transition_types.h,
/// PAGE_TRANSITION_LINK = 0 … PAGE_TRANSITION_KEYWORD_GENERATED = 10); the high bits are
/// qualifiers (chain start/end, redirects, from the address bar) that say nothing a scorer
/// would use. Names as Google Takeout's BrowserHistory.json spells them ("LINK", "TYPED"), so
/// `browser.chrome` and `google.chrome_history` events agree.
enum ChromePageTransition {
    static let coreTypeNames = [
        "LINK", "TYPED", "AUTO_BOOKMARK", "AUTO_SUBFRAME", "MANUAL_SUBFRAME", "GENERATED",
        "AUTO_TOPLEVEL", "FORM_SUBMIT", "RELOAD", "KEYWORD", "KEYWORD_GENERATED",
    ]

    static func name(_ transition: Int64) -> String? {
        let core = Int(transition & 0xFF)
        return core < coreTypeNames.count ? coreTypeNames[core] : nil
    }
}
