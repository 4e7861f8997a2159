/// The built-in personas. Every merchant and search below is invented or a well-known brand
/// used generically; none of it is anybody's data.
public enum PersonaCatalog {
    public static let all: [Persona] = [sam, lena]

    public static func named(_ id: String) -> Persona? { all.first { $0.id == id } }

    /// Sam: a 34-year-old in Manchester with a steady job, a gambling habit that has turned
    /// into borrowing, a gym membership, blood donations and monthly charity giving. The point
    /// for a workshop: the same year reads as "exemplary" on one axis and "suspicious" on
    /// another, and which one wins depends on whose model it is.
    public static let sam = Persona(
        id: "sam",
        name: "Sam Taylor (synthetic)",
        summary: """
            Synthetic persona: salaried in Manchester, gives blood, donates to charity, goes to the gym; \
            also bets online and at a casino, fell into an overdraft and a buy-now-pay-later plan, searched for debt help \
            at night, and carries a phone whose location history shows home, work and a week in Barcelona.
            """,
        country: "GB",
        tagline: "34, Manchester: salaried, gives blood and to charity, bets online and has fallen into debt",
        seed: 0x5A17_2025,
        start: (2025, 3),
        months: 12,
        salary: ("ACME LOGISTICS LTD SALARY", 285_000),
        rent: ("RENT NORTHERN HOMES LTD", 95_000),
        everyday: [
            .init("TESCO STORES 2231", mcc: 5411, pence: 850...6400, perMonth: 6),
            .init("Church Street Tesco", mcc: 5411, pence: 320...2100, perMonth: 2),
            .init("SAINSBURYS S/MKTS", mcc: 5411, pence: 1200...5800, perMonth: 3),
            .init("TFL TRAVEL CH", mcc: 4111, pence: 280...1500, perMonth: 8),
            .init("PRET A MANGER", mcc: 5814, pence: 399...1150, perMonth: 5),
            .init("AMAZON MKTPLACE", mcc: 5942, pence: 799...4599, perMonth: 2),
            .init("Court Road Bakery", mcc: 5462, pence: 250...900, perMonth: 2),
            .init("The Union Bar & Grill", mcc: 5812, pence: 1800...4200, perMonth: 1),
        ],
        habits: [
            .init("BET365 LTD", mcc: 7995, pence: -2500, account: .card, times: 3, hour: 23),
            .init("WILLIAM HILL", mcc: 7995, pence: -4000, account: .card, everyMonths: 2, offset: 1, times: 2, hour: 1),
            .init("Lotto24 AG", mcc: 7995, pence: -1000, account: .card, everyMonths: 3, offset: 2),
            .init("KLARNA RATENKAUF", pence: -8900, account: .current, offset: 0),
            .init("Wonga loan repayment", pence: -15000, account: .current, everyMonths: 1, offset: 5),
            .init("Lowell Inkasso", pence: -5000, account: .current, everyMonths: 4, offset: 8),
            .init("Overdraft fee", pence: -600, account: .current, everyMonths: 2, offset: 4),
            .init("Oddbins", mcc: 5921, pence: -2499, account: .card, everyMonths: 1, offset: 0, times: 2, hour: 19),
            .init("Tabak Börse", mcc: 5993, pence: -1250, account: .card, everyMonths: 2, offset: 1, hour: 17),
            .init("PureGym", mcc: 7997, pence: -2499, account: .current),
            .init("Boots Pharmacy", mcc: 5912, pence: -1175, account: .card, everyMonths: 2, offset: 0),
            .init("Oxfam donation", mcc: 8398, pence: -1000, account: .current),
            .init("British Red Cross", mcc: 8398, pence: -2500, account: .current, everyMonths: 6, offset: 3),
            .init("Tinder Plus", mcc: 7273, pence: -1499, account: .card, everyMonths: 1, offset: 6),
            .init("Steam Purchase", mcc: 5816, pence: -1999, account: .card, everyMonths: 3, offset: 0, hour: 22),
        ],
        searches: [
            .init("blood donation near me", times: 3),
            .init("NHS Blood and Transplant appointment", times: 4),
            .init("casino bonus no deposit", times: 6, hour: 0),
            .init("payday loan same day", times: 4, hour: 2),
            .init("how to get out of debt", times: 5, hour: 1),
            .init("symptoms of diabetes", times: 2, hour: 3),
            .init("gym membership prices", times: 2),
            .init("weather manchester", times: 20),
            .init("train times manchester to leeds", times: 8),
            .init("pasta recipes", times: 6),
            .init("Casino Royale DVD", times: 1),
            .init("football results", times: 12, hour: 21),
        ],
        // Invented coordinates in Manchester and Barcelona; the named places are generic.
        places: .init(
            home: .init(53.4452, -2.2301),
            work: .init(53.4794, -2.2453),
            trip: (place: .init(41.3874, 2.1686), month: 4, day: 10, days: 7),
            visits: [
                .init("NHS Blood Donor Centre Manchester", address: "Plymouth Grove, Manchester", at: .init(53.4609, -2.2160), times: 3, hour: 10),
                .init("Grosvenor Casino Manchester", address: "Ramada Complex, Manchester", at: .init(53.4790, -2.2490), times: 4, hour: 22),
                .init("PureGym Manchester", address: "Oxford Road, Manchester", at: .init(53.4701, -2.2380), times: 20, hour: 18),
                .init("Church Street Market", address: "Church Street, Manchester", at: .init(53.4830, -2.2370), times: 3, hour: 12),
            ]),
        exports: [.statement(.ukCSV, account: .current, file: "bank/current-account.csv"),
                  .statement(.cardOFX, account: .card, file: "bank/credit-card.ofx"),
                  .takeout])

    /// Lena: a 29-year-old nurse in Berlin. Mostly an ordinary year (groceries, rent, the BVG,
    /// a bakery, a toy shop); she gives blood, donates, goes to the gym, bets on football now and
    /// then and once looked up a loan despite a poor credit record. Her bank is German, so the
    /// current account comes as an ISO-8859-1 Girokonto CSV; some shop names only look like
    /// something a scorer reads (Weingarten bakery, a Spielwaren toy shop, a Kirchstraße café).
    public static let lena = Persona(
        id: "lena",
        name: "Lena Schneider (synthetic)",
        summary: """
            Synthetic persona / Synthetische Persona: nurse in Berlin, gives blood, donates to Caritas, trains at a gym, \
            bets on football with Tipico now and then and searched for a loan despite SCHUFA; most of her year is groceries, \
            rent and the U-Bahn. Krankenpflegerin in Berlin: spendet Blut, spendet an die Caritas, geht ins Fitnessstudio, \
            wettet ab und zu bei Tipico; sonst Einkäufe, Miete und BVG.
            """,
        country: "DE",
        tagline: "29, Berlin nurse: gives blood, donates, gym, the odd football bet / Krankenpflegerin in Berlin",
        seed: 0x1E7A_2025,
        start: (2025, 3),
        months: 12,
        salary: ("GEHALT VIVANTES KLINIKUM BERLIN", 265_000),
        rent: ("MIETE BERLINER WOHNEN GMBH", 89_000),
        everyday: [
            .init("REWE Markt GmbH Berlin", mcc: 5411, pence: 620...5400, perMonth: 7),
            .init("EDEKA Kaiser Prenzlauer Berg", mcc: 5411, pence: 450...3800, perMonth: 4),
            .init("LIDL DIENSTL 1042", mcc: 5411, pence: 900...4600, perMonth: 3),
            .init("BVG Fahrschein App", mcc: 4111, pence: 300...4900, perMonth: 6),
            .init("dm-drogerie markt", mcc: 5977, pence: 280...2400, perMonth: 2),
            .init("Bäckerei Weingarten", mcc: 5462, pence: 180...750, perMonth: 5),
            .init("Spielwaren Kaiser", mcc: 5945, pence: 990...3990, perMonth: 1),
            .init("Café Kirchstraße", mcc: 5814, pence: 350...1290, perMonth: 3),
            .init("Deutsche Bahn Fernverkehr", mcc: 4112, pence: 1990...8990, perMonth: 1),
        ],
        habits: [
            .init("Tipico Sportwetten", mcc: 7995, pence: -2000, account: .card, everyMonths: 1, offset: 0, times: 2, hour: 21),
            .init("DRK Blutspendedienst Ost Aufwandsentschädigung", pence: 2500, account: .current, everyMonths: 3, offset: 1),
            .init("Spende Caritas Berlin", pence: -3000, account: .current),
            .init("McFit Mitgliedsbeitrag", pence: -2990, account: .current),
            .init("Apotheke am Alexanderplatz", mcc: 5912, pence: -1450, account: .card, everyMonths: 2, offset: 1),
        ],
        searches: [
            .init("wetter berlin", times: 24),
            .init("bvg störung u8", times: 10),
            .init("rezept kartoffelsuppe", times: 6),
            .init("öffnungszeiten bürgeramt", times: 3),
            .init("hertha ergebnis", times: 12, hour: 20),
            .init("blutspende termin berlin", times: 4),
            .init("tipico quoten bundesliga", times: 5, hour: 22),
            .init("kredit trotz schufa", times: 3, hour: 1),
            .init("weingarten bäckerei öffnungszeiten", times: 2),
            .init("spielwaren geschenk kind 5 jahre", times: 2),
        ],
        // Invented coordinates in Berlin and Lisbon; the named places are generic.
        places: .init(
            home: .init(52.5390, 13.4240),
            work: .init(52.5250, 13.3770),
            trip: (place: .init(38.7223, -9.1393), month: 6, day: 2, days: 8),
            visits: [
                .init("DRK Blutspendedienst Berlin", address: "Am Nordgraben, Berlin", at: .init(52.5850, 13.3420), times: 4, hour: 9),
                .init("McFit Berlin", address: "Schönhauser Allee, Berlin", at: .init(52.5410, 13.4120), times: 24, hour: 17),
                .init("Café Kirchstraße", address: "Kirchstraße, Berlin", at: .init(52.5200, 13.3300), times: 6, hour: 11),
            ]),
        currency: "EUR",
        exports: [.statement(.germanCSV, account: .current, file: "bank/girokonto.csv"),
                  .statement(.cardOFX, account: .card, file: "bank/credit-card.ofx"),
                  .takeout])
}
