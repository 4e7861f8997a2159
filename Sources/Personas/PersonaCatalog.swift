/// The built-in personas. Every merchant and search below is invented or a well-known brand
/// used generically; none of it is anybody's data.
public enum PersonaCatalog {
    public static let all: [Persona] = [sam, lena, camille, lucia, dmitri, fang]

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
                  .whatsApp(.init(with: "Lena Schneider", everyDays: 8, hour: 20, [
                      .init("Hiya Lena, how's Berlin?", me: true),
                      .init("Busy week at the hospital, but fine! You?", me: false),
                      .init("Same old. United lost again", me: true),
                      .init("Haha, Hertha too 🙈", me: false, every: 2),
                  ])),
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
            .init("Dauerauftrag Tagesgeld DE12500105175407324931", pence: -15_000, account: .current, hour: 8),
            .init("Lena Schneider | Dauerauftrag vom Girokonto", pence: 15_000, account: .savings, hour: 8),
            .init("ING | Zinsgutschrift Tagesgeld", pence: 410, account: .savings, everyMonths: 3, offset: 2),
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
                  .statement(.camt053, account: .savings, file: "bank/tagesgeld-camt053.xml"),
                  .instagram(.init(adInterests: ["Krankenpflege", "Hertha BSC", "Fitness und Wellness", "Sportwetten",
                                                 "Lissabon", "Kartoffelsuppe"], language: "de")),
                  .whatsApp(.init(with: "Sam Taylor", everyDays: 8, hour: 21, [
                      .init("Sam! Finally off shift", me: true),
                      .init("Nice one. Fancy a call on Sunday?", me: false),
                      .init("Yes, after lunch 👍", me: true),
                  ])),
                  .whatsApp(.init(with: "Dmitri Volkov", everyDays: 10, hour: 18, [
                      .init("Hi Dmitri, how cold is it in Yekaterinburg today?", me: true),
                      .init("Minus 18, sunny. Normal!", me: false),
                      .init("Brr. Here it rains as usual", me: true),
                  ])),
                  .takeout])

    /// Camille: a 41-year-old train conductor in Lyon. A French bank's CSV (Société Générale's
    /// layout, Windows-1252), a Facebook download with a Messenger thread to Lucía, French
    /// searches and Lyon location history. She pays CGT dues and her mother's care home, volunteers
    /// at the Restos du Cœur, marched against the pension reform and paid a speeding fine. Look-alikes:
    /// a Boulangerie du Temple, the Casino supermarket chain, a "manifestation sportive" (a race).
    public static let camille = Persona(
        id: "camille",
        name: "Camille Martin (synthetic)",
        summary: """
            Synthetic persona / Persona synthétique: train conductor in Lyon, union member (CGT), pays for her mother's care home, \
            volunteers at the Restos du Cœur, joined a march against the pension reform, paid a speeding fine. \
            Contrôleuse SNCF à Lyon : syndiquée CGT, paie l'EHPAD de sa mère, bénévole aux Restos du Cœur, manifestante, une amende ANTAI.
            """,
        country: "FR",
        tagline: "41, Lyon train conductor: union member, volunteers, cares for her mother, marched against the pension reform / Contrôleuse SNCF",
        seed: 0xCA51_2025,
        start: (2025, 3),
        months: 12,
        salary: ("SNCF VOYAGEURS SALAIRE", 245_000),
        rent: ("LOYER GRAND LYON HABITAT", 68_000),
        everyday: [
            .init("CARREFOUR CITY LYON 7", mcc: 5411, pence: 650...4800, perMonth: 6),
            .init("MONOPRIX LYON JEAN MACE", mcc: 5411, pence: 900...5200, perMonth: 3),
            .init("BOULANGERIE DU TEMPLE", mcc: 5462, pence: 120...650, perMonth: 6),
            .init("TCL SYTRAL LYON", mcc: 4111, pence: 200...7480, perMonth: 3),
            .init("FNAC BELLECOUR", mcc: 5942, pence: 990...3990, perMonth: 1),
            .init("PATHE LYON", mcc: 7832, pence: 1150...2300, perMonth: 1),
            .init("PHARMACIE DU PROGRES", mcc: 5912, pence: 450...2200, perMonth: 1),
        ],
        habits: [
            .init("CGT COTISATION SYNDICALE", pence: -1800, account: .current),
            .init("EHPAD LES TILLEULS FRAIS D'HEBERGEMENT MME MARTIN", pence: -45_000, account: .current),
            .init("AMENDE ANTAI AMENDE FORFAITAIRE EXCES DE VITESSE", pence: -13_500, account: .current, everyMonths: 12, offset: 5),
            .init("ORANGE FACTURE MOBILE", pence: -1999, account: .current),
            .init("EDF ELECTRICITE ECHEANCE", pence: -6400, account: .current),
        ],
        searches: [
            .init("météo lyon", times: 20),
            .init("horaires tcl tram t2", times: 10),
            .init("recette tarte aux pralines", times: 4),
            .init("résultats ol", times: 12, hour: 21),
            .init("ehpad lyon tarifs aide sociale", times: 3),
            .init("billet avion lyon valence espagne", times: 2),
            .init("boulangerie du temple horaires", times: 2),
            .init("lyon urban trail manifestation sportive inscription", times: 1),
        ],
        // Invented coordinates in Lyon and Valencia; the named places are generic.
        places: .init(
            home: .init(45.7485, 4.8467),
            work: .init(45.7606, 4.8594),
            trip: (place: .init(39.4699, -0.3763), month: 7, day: 3, days: 6),
            visits: [
                .init("Piscine du Rhône", address: "Quai Claude Bernard, Lyon", at: .init(45.7500, 4.8390), times: 12, hour: 17),
                .init("Marché de la Croix-Rousse", address: "Boulevard de la Croix-Rousse, Lyon", at: .init(45.7770, 4.8310), times: 10, hour: 10),
            ]),
        currency: "EUR",
        exports: [
            .statement(.frenchCSV, account: .current, file: "banque/releve-compte-courant.csv"),
            .facebook(.init(
                posts: [("Belle balade dans les Monts du Lyonnais ce dimanche", 6),
                        ("Samedi matin bénévole aux Restos du Cœur, 120 repas servis", 4),
                        ("Jeudi tous à la manif contre la réforme des retraites, départ Jean Macé 14h", 1),
                        ("Retard de 40 minutes à Part-Dieu, désolée pour les voyageurs", 5),
                        ("La tarte aux pralines de maman, comme à Roanne", 3)],
                groups: ["Bénévoles Restos du Cœur Lyon 7e", "Cheminots CGT Lyon Part-Dieu", "Randonnée Monts du Lyonnais"],
                pages: ["Olympique Lyonnais", "Marmiton", "Fête des Lumières"],
                events: ["Manifestation contre la réforme des retraites – Lyon", "Lyon Urban Trail – manifestation sportive",
                         "Fête de la musique Croix-Rousse"],
                adInterests: ["Voyage en train", "Randonnée", "Syndicalisme", "Cuisine", "Retraite", "Olympique lyonnais"],
                chats: [.init(with: "Lucía García", everyDays: 9, hour: 18, [
                    .init("Coucou Lucía ! Ça va à Valence ?", me: true),
                    .init("¡Hola Camille! Todo bien, hace sol 😄", me: false),
                    .init("Je regarde les billets pour juillet", me: true, every: 4),
                    .init("Genial, te espero en Ruzafa", me: false, every: 4),
                    .init("Bisous, bonne soirée", me: true),
                ])])),
            .takeout,
        ],
        everydayAccounts: (.current, .current))

    /// Lucía: a 27-year-old graphic designer in Valencia between short contracts, on
    /// unemployment benefit, expecting a child, seeing a psychologist. A Spanish bank's CSV,
    /// LinkedIn and Facebook downloads, WhatsApp chats with Camille and Dmitri, Spanish searches
    /// and Valencia location history. Look-alikes: Tabakalera (a cultural centre, not tobacco),
    /// a liked "Queer Eye" page, a Horno San Pablo bakery.
    public static let lucia = Persona(
        id: "lucia",
        name: "Lucía García (synthetic)",
        summary: """
            Synthetic persona / Persona sintética: graphic designer in Valencia after four short contracts, on unemployment \
            benefit and applying for jobs, pregnant, seeing a psychologist, once charged for a missed restaurant booking and \
            a late electricity bill; member of an LGBTI+ group. Diseñadora gráfica en Valencia: paro del SEPE, embarazada, \
            va a la psicóloga, un recargo de Iberdrola y un cargo por no presentarse en un restaurante.
            """,
        country: "ES",
        tagline: "27, Valencia designer between short contracts: on benefit, pregnant, sees a psychologist / Diseñadora en paro",
        seed: 0x1C1A_2025,
        start: (2025, 3),
        months: 12,
        salary: ("SEPE PRESTACION POR DESEMPLEO", 98_000),
        rent: ("ALQUILER PISO RUZAFA", 55_000),
        everyday: [
            .init("MERCADONA VALENCIA RUZAFA", mcc: 5411, pence: 700...5200, perMonth: 7),
            .init("CONSUM COOP VALENCIA", mcc: 5411, pence: 400...3100, perMonth: 3),
            .init("METROVALENCIA", mcc: 4111, pence: 150...2100, perMonth: 5),
            .init("HORNO SAN PABLO", mcc: 5462, pence: 120...600, perMonth: 6),
            .init("LIBRERIA PARIS VALENCIA", mcc: 5942, pence: 900...2400, perMonth: 1),
            .init("TABAKALERA DONOSTIA ENTRADAS", mcc: 7922, pence: 500...1200, perMonth: 1),
        ],
        habits: [
            .init("GABINETE DE PSICOLOGIA LAURA MARTI SESION", pence: -6000, account: .current, times: 2),
            .init("IBERDROLA RECIBO LUZ", pence: -4500, account: .current),
            .init("IBERDROLA RECARGO POR DEMORA RECIBO LUZ", pence: -1200, account: .current, everyMonths: 5, offset: 3),
            .init("MOVISTAR FIBRA Y MOVIL", pence: -3500, account: .current),
            .init("RESTAURANTE CASA CARMELA CARGO POR NO PRESENTARSE", mcc: 5812, pence: -3000, account: .current, everyMonths: 12, offset: 4),
            .init("FARMACIA TEST DE EMBARAZO", mcc: 5912, pence: -1290, account: .current, everyMonths: 12, offset: 7),
            .init("CONSULTA MATRONA PRENATAL", pence: -4000, account: .current, everyMonths: 1, offset: 8),
        ],
        searches: [
            .init("tiempo valencia", times: 20),
            .init("horarios metrovalencia", times: 8),
            .init("receta paella valenciana", times: 5),
            .init("ofertas de empleo diseñadora gráfica valencia", times: 6),
            .init("cita previa sepe", times: 3),
            .init("síntomas embarazo primeras semanas", times: 2, hour: 23),
            .init("psicóloga ansiedad valencia", times: 2),
            .init("valencia cf resultados", times: 10, hour: 21),
            .init("tabakalera donostia exposiciones", times: 1),
        ],
        // Invented coordinates in Valencia and Lyon; the named places are generic.
        places: .init(
            home: .init(39.4620, -0.3740),
            work: .init(39.4700, -0.3770),
            trip: (place: .init(45.7640, 4.8357), month: 10, day: 5, days: 5),
            visits: [
                .init("Horno San Pablo", address: "Calle de Sueca, Valencia", at: .init(39.4610, -0.3750), times: 12, hour: 9),
                .init("Playa de la Malvarrosa", address: "Passeig Marítim, Valencia", at: .init(39.4780, -0.3230), times: 8, hour: 16),
            ]),
        currency: "EUR",
        exports: [
            .statement(.spanishCSV, account: .current, file: "banco/movimientos-cuenta.csv"),
            .linkedIn(.init(
                positions: [(company: "Estudio Gráfico Turia", title: "Diseñadora gráfica junior", start: "Jan 2022", end: "Sep 2022"),
                            (company: "Agencia Mediterránea", title: "Diseñadora gráfica", start: "Nov 2022", end: "Jun 2023"),
                            (company: "Imprenta Levante", title: "Diseñadora de producción", start: "Aug 2023", end: "Apr 2024"),
                            (company: "Lonja Creativa SL", title: "Diseñadora gráfica", start: "Jun 2024", end: "Jan 2025")],
                applications: [(date: (2025, 4, 2), company: "Dulcesol", title: "Diseñadora gráfica"),
                               (date: (2025, 4, 17), company: "Agencia Bamboo", title: "Diseñadora UX/UI"),
                               (date: (2025, 5, 6), company: "Editorial Tirant", title: "Maquetadora"),
                               (date: (2025, 5, 20), company: "Valencia Basket", title: "Diseñadora de contenidos")],
                location: "Valencia, Comunidad Valenciana, España")),
            .facebook(.init(
                posts: [("Atardecer en la Malvarrosa", 5), ("Por fin terminé mi portfolio nuevo", 2), ("Fallas 2025, qué nervios", 2)],
                groups: ["Orgullo LGTBI+ Valencia", "Diseñadores Gráficos Valencia", "Intercambio de idiomas Valencia"],
                pages: ["Valencia CF", "Queer Eye", "Fallas de Valencia"])),
            .whatsApp(.init(with: "Camille Martin", everyDays: 11, hour: 20, [
                .init("Hola Camille, ¿qué tal el trabajo?", me: true),
                .init("Fatiguée mais ça va ! Et toi ?", me: false),
                .init("Buscando curro todavía, pero bien", me: true),
                .init("Courage 💪", me: false),
            ])),
            .whatsApp(.init(with: "Dmitri Volkov", everyDays: 14, hour: 21, [
                .init("Hi Dmitri! How is Yekaterinburg?", me: true),
                .init("Cold. -20 today. How is Valencia?", me: false),
                .init("Sunny as always 😎", me: true),
            ])),
            .takeout,
        ],
        everydayAccounts: (.current, .current))

    /// Dmitri: a 38-year-old electrician in Yekaterinburg. A Tinkoff-style card statement
    /// (Windows-1251), a Telegram Desktop export with chats to Lena and Lucía, Russian searches
    /// and location history. He went to a protest rally, lost a case against his former employer
    /// and pays bailiffs, pays traffic fines and late utility penalties, smokes and drinks. The
    /// person a D rating falls on. Look-alikes: a restaurant "Судак" (pike-perch, not "суд",
    /// court) and a search for a pike-perch recipe.
    public static let dmitri = Persona(
        id: "dmitri",
        name: "Dmitri Volkov (synthetic)",
        summary: """
            Synthetic persona / Синтетическая персона: electrician in Yekaterinburg; went to a protest rally, lost a court case \
            and pays the bailiffs, pays traffic fines and late utility penalties, smokes and drinks. Электрик из Екатеринбурга: \
            ходил на митинг, проиграл суд, платит ФССП, штрафы ГИБДД и пени ЖКУ, курит и выпивает.
            """,
        country: "RU",
        tagline: "38, Yekaterinburg electrician: went to a rally, lost a court case, fines and bailiffs / Электрик из Екатеринбурга",
        seed: 0xD317_2025,
        start: (2025, 3),
        months: 12,
        salary: ("Зарплата ООО Уралэнергомонтаж", 7_500_000),
        rent: ("Аренда квартиры перевод Ивановой О.", 2_500_000),
        everyday: [
            .init("Пятёрочка", mcc: 5411, pence: 25_000...250_000, perMonth: 7),
            .init("Магнит", mcc: 5411, pence: 18_000...180_000, perMonth: 4),
            .init("Метрополитен Екатеринбург", mcc: 4111, pence: 3_600...3_600, perMonth: 8),
            .init("Яндекс Такси", mcc: 4121, pence: 25_000...90_000, perMonth: 2),
            .init("Ресторан Судак", mcc: 5812, pence: 120_000...350_000, perMonth: 1),
            .init("Аптека Живика", mcc: 5912, pence: 15_000...90_000, perMonth: 1),
        ],
        habits: [
            .init("Штраф ГИБДД постановление 18810066", pence: -50_000, account: .current, everyMonths: 2, offset: 1),
            .init("Госпошлина в суд Кировский районный суд", pence: -300_000, account: .current, everyMonths: 12, offset: 5),
            .init("Коллегия адвокатов Свердловской области оплата услуг", pence: -1_500_000, account: .current, everyMonths: 12, offset: 6),
            .init("ФССП России взыскание по ИП", pence: -800_000, account: .current, everyMonths: 1, offset: 8),
            .init("ЕРЦ Екатеринбург квартплата", pence: -650_000, account: .current),
            .init("Пени ЖКУ ЕРЦ Екатеринбург", pence: -35_000, account: .current, everyMonths: 3, offset: 2),
            .init("Табакерка", mcc: 5993, pence: -25_000, account: .current, times: 3, hour: 18),
            .init("Красное&Белое", mcc: 5921, pence: -60_000, account: .current, times: 2, hour: 20),
        ],
        searches: [
            .init("погода екатеринбург", times: 20),
            .init("расписание метро екатеринбург", times: 6),
            .init("автомобилист результаты", times: 10, hour: 21),
            .init("купить зимние шины", times: 3),
            .init("штраф гибдд проверить", times: 3),
            .init("как обжаловать решение суда", times: 2, hour: 23),
            .init("рецепт судака в духовке", times: 2),
        ],
        // Invented coordinates in Yekaterinburg and Antalya; the named places are generic.
        places: .init(
            home: .init(56.8389, 60.6057),
            work: .init(56.8980, 60.6010),
            trip: (place: .init(36.8969, 30.7133), month: 5, day: 12, days: 9),
            visits: [
                .init("Ресторан Судак", address: "улица Вайнера, Екатеринбург", at: .init(56.8330, 60.5990), times: 6, hour: 19),
            ]),
        currency: "RUB",
        exports: [
            .statement(.russianCSV, account: .current, file: "bank/operations.csv"),
            .telegram([
                .init(with: "Lena Schneider", everyDays: 10, hour: 17, [
                    .init("Hi Lena! How was the night shift?", me: true),
                    .init("Long, but ok. Coffee now ☕", me: false),
                    .init("Say hi to Berlin from the Urals", me: true, every: 3),
                ]),
                .init(with: "Lucía García", everyDays: 14, hour: 19, [
                    .init("Hola Lucía! Any news about the job?", me: true),
                    .init("Still waiting 🙏", me: false),
                ]),
                .init(with: "Серёга", everyDays: 5, hour: 18, [
                    .init("Пиво в пятницу?", me: false),
                    .init("Давай, в семь", me: true),
                    .init("Завтра идём на митинг у Драмтеатра, ты с нами?", me: true, every: 100, from: 20),
                ]),
            ]),
            .takeout,
        ],
        utcOffsetHours: 5,
        everydayAccounts: (.current, .current))

    /// Fang: a 36-year-old accountant in Hangzhou, where the health-score proposal came from. Her
    /// year is in Alipay and WeChat Pay bills (the data Sesame-style scores read), an X archive,
    /// Chinese searches and Hangzhou location history: Party dues, incense money at Lingyin
    /// Temple, a gym card, blood donations, "positive energy" posts. Look-alike: a 党参炖鸡
    /// (codonopsis chicken soup) whose name begins with the character for "party".
    public static let fang = Persona(
        id: "fang",
        name: "Wang Fang (synthetic)",
        summary: """
            Synthetic persona / 合成人物: accountant in Hangzhou; pays Party dues, gives incense money at Lingyin Temple, \
            donates blood, goes to the gym, plays Honor of Kings, posts "positive energy". 杭州会计：缴纳党费，灵隐寺香火钱， \
            无偿献血，健身，王者荣耀，发正能量。
            """,
        country: "CN",
        tagline: "36, Hangzhou accountant: Party dues, temple incense, gives blood, gym, positive-energy posts / 杭州会计",
        seed: 0xFA46_2025,
        start: (2025, 3),
        months: 12,
        salary: ("工资 杭州市城建集团", 1_200_000),
        rent: ("房租", 450_000),
        everyday: [
            .init("盒马鲜生 | 生鲜日用", mcc: 5411, pence: 3_000...25_000, perMonth: 6),
            .init("瑞幸咖啡 | 生椰拿铁", mcc: 5814, pence: 990...2_500, perMonth: 8),
            .init("杭州地铁 | 乘车码", mcc: 4111, pence: 200...800, perMonth: 12),
            .init("美团外卖 | 外卖订单", mcc: 5812, pence: 2_500...6_000, perMonth: 6),
            .init("滴滴出行 | 快车", mcc: 4121, pence: 1_500...4_500, perMonth: 2),
            .init("杭帮菜馆 | 党参炖鸡", mcc: 5812, pence: 6_800...12_800, perMonth: 1),
        ],
        habits: [
            .init("中共杭州市城建集团财务部支部 | 缴纳党费", pence: -5_000, account: .alipay),
            .init("灵隐寺 | 香火钱", pence: -2_000, account: .wechat, everyMonths: 3, offset: 1, hour: 10),
            .init("乐刻运动 | 健身月卡", mcc: 7997, pence: -19_900, account: .alipay),
            .init("腾讯游戏 | 王者荣耀 点券", mcc: 5816, pence: -3_000, account: .wechat, everyMonths: 2, offset: 0, hour: 22),
            .init("杭州市中医院 | 挂号费", mcc: 8011, pence: -1_500, account: .alipay, everyMonths: 4, offset: 2),
            .init("国家电网 | 电费", pence: -18_000, account: .alipay),
        ],
        searches: [
            .init("杭州天气", times: 20),
            .init("杭州地铁线路图", times: 6),
            .init("龙井虾仁做法", times: 4),
            .init("杭州 献血 预约", times: 2),
            .init("个税 专项附加扣除", times: 2),
            .init("党参炖鸡 做法", times: 1),
            .init("东京 旅游 攻略", times: 3),
        ],
        // Invented coordinates in Hangzhou and Tokyo; the named places are generic.
        places: .init(
            home: .init(30.2741, 120.1551),
            work: .init(30.2590, 120.2110),
            trip: (place: .init(35.6762, 139.6503), month: 6, day: 20, days: 6),
            visits: [
                .init("杭州市中心血站 武林广场献血屋", address: "武林广场, 杭州", at: .init(30.2720, 120.1640), times: 3, hour: 10),
                .init("灵隐寺", address: "灵隐路法云弄1号, 杭州", at: .init(30.2410, 120.1010), times: 4, hour: 10),
                .init("乐刻运动 健身房", address: "庆春路, 杭州", at: .init(30.2600, 120.1800), times: 24, hour: 19),
            ]),
        currency: "CNY",
        exports: [
            .statement(.alipayCSV, account: .alipay, file: "支付宝交易明细(20250301-20260228).csv"),
            .statement(.wechatPayCSV, account: .wechat, file: "微信支付账单(20250301-20260228).csv"),
            .twitter(.init(
                posts: [("今天西湖边跑步，空气真好", 10),
                        ("周末带女儿去杭州动物园", 4),
                        ("新学的菜：龙井虾仁", 3),
                        ("国庆快乐！厉害了我的国 #正能量", 1),
                        ("单位组织学习，感谢党，感谢国家", 1)],
                adInterests: ["Travel", "Cooking", "Fitness", "Personal finance", "Tea"],
                demographics: (languages: ["Chinese", "English"], gender: "female", age: "35-49"),
                language: "zh")),
            .takeout,
        ],
        utcOffsetHours: 8,
        everydayAccounts: (.alipay, .wechat))
}
