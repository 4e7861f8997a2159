#!/usr/bin/env python3
"""Writes benchmark inputs in the real formats of the exports that are big in real life, for
scripts/bench.sh (docs/performance.md, "Per-format table"). Not part of steward: the product
never writes these; the persona writers (steward demo --write-only --scale) cover the Takeout's
JSON members and a bank CSV and OFX, this covers the rest (among them Semantic Location History
month files as Takeout writes them, the on-device Timeline.json, My Activity HTML, and the
CAMT.053, MT940, QIF and PayPal statements, Google Calendar's .ics, Garmin TCX, and the CSVs of
Reddit's and LinkedIn's data requests and of YouTube comments).

    bench-formats.py OUT_DIR RULES_DIR [--mb MB] [--formats a,b,...] [--photos-mb MB]

Every format gets about MB megabytes (default 200) in the layout its export has (file names,
folder nesting, how it splits into files), with field sizes and text like a real export's and
about 4 % of records carrying a phrase from one of steward's own lexicons (RULES_DIR/lexicons),
so that a realistic share of records reaches rules and most do not. Output is deterministic.
Prints one line per format: NAME<TAB>PATH<TAB>BYTES<TAB>LABEL (the row label of the bench table).
"""
import argparse
import calendar
import time
import json
import os
import random
import sqlite3
import struct
import sys
import urllib.parse
import zipfile

HIT_SHARE = 0.04

EVERYDAY = [
    "see you later", "on my way", "running 10 min late, sorry", "did you see the match last night?",
    "can you pick up milk on the way home", "haha yes", "what time is dinner", "happy birthday!! have a great day",
    "the train is delayed again", "ok sounds good", "thanks so much", "where did you park", "lol",
    "I'll call you after work", "the kids are asleep finally", "have you watched the new season yet",
    "meeting moved to 3pm", "can't believe it's raining again", "good morning", "send me the photos from saturday",
    "do we need anything from the shop", "just landed", "the heating is broken again, landlord says Tuesday",
    "great idea, let's do that", "who's bringing the cake", "miss you", "weekend plans?", "nearly there",
    "the dog ate my sandwich", "football at 7 on thursday?", "I'm so tired today", "love that song",
]
SEARCHES = [
    "weather tomorrow", "pasta recipe easy", "train times london to leeds", "how long to boil an egg",
    "best running shoes 2024", "premier league table", "cheap flights lisbon", "ikea opening hours",
    "how to fix a leaking tap", "translate thank you in spanish", "new phone deals", "cinema listings",
    "banana bread recipe", "bus 73 timetable", "how tall is mount everest", "netflix new releases",
    "garden centre near me", "paint colours living room", "birthday gift ideas for dad", "oven chips air fryer",
]
TITLES = [
    "BBC News - Home", "The Guardian", "YouTube", "Amazon.co.uk: Low Prices in Electronics, Books, Sports",
    "Wikipedia, the free encyclopedia", "GitHub", "Google Maps", "Weather forecast - Met Office", "Stack Overflow",
    "Recipe: Lemon drizzle cake | BBC Good Food", "Train tickets | Trainline", "Gmail", "Reddit - Dive into anything",
    "Premier League football news, fixtures, scores & results", "IKEA", "Tesco Groceries", "eBay",
]
HOSTS = ["www.bbc.co.uk", "www.theguardian.com", "www.youtube.com", "www.amazon.co.uk", "en.wikipedia.org",
         "github.com", "www.google.com", "www.metoffice.gov.uk", "stackoverflow.com", "www.bbcgoodfood.com",
         "www.thetrainline.com", "mail.google.com", "www.reddit.com", "www.premierleague.com", "www.ikea.com"]
ARTISTS = ["Taylor Swift", "Arctic Monkeys", "Dua Lipa", "Fleetwood Mac", "Kendrick Lamar", "Coldplay", "Adele",
           "Daft Punk", "The Beatles", "Billie Eilish", "Radiohead", "Stormzy", "Little Simz", "Bicep", "Florence + The Machine"]
WORDS = ("the a to and of in for on with at from my your this that new old big small good bad day night time week "
         "home work music video food car city trip house friend family game team phone book film song school").split()


def lexicon_phrases(rules_dir):
    """Phrases of steward's own lexicons (decoy lists left out): text that reaches rules."""
    phrases = []
    folder = os.path.join(rules_dir, "lexicons")
    for name in sorted(os.listdir(folder)):
        if "decoys" in name or not name.endswith(".txt") or name.split(".")[-2] not in ("en", "de", "fr"):
            continue
        if not (name.startswith("search_") or name.startswith("social_") or name.split(".")[0] in
                ("gambling", "medical", "dating", "alcohol", "politics", "religion", "loans", "debt_search")):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                line = line.split("#")[0].strip().rstrip("*").strip()
                if 3 <= len(line) <= 40 and "|" not in line:
                    phrases.append(line)
    return phrases or ["payday loan"]


def fixed_phrases(path):
    """The checked-in phrase list: the same generated bytes in every session, whatever the
    lexicons hold by then (a list read from the rules changed each session's inputs)."""
    with open(path, encoding="utf-8") as f:
        phrases = [line.rstrip("\n") for line in f if line.strip() and not line.startswith("#")]
    return phrases or ["payday loan"]


class Text:
    def __init__(self, rng, phrases):
        self.rng, self.phrases = rng, phrases

    def hit(self):
        return self.rng.random() < HIT_SHARE

    def message(self):
        r = self.rng
        if self.hit():
            return r.choice(["thinking about ", "did you hear about the ", "we went to the ", "", "so, "]) + r.choice(self.phrases)
        base = r.choice(EVERYDAY)
        if r.random() < 0.3:
            base += " " + " ".join(r.choice(WORDS) for _ in range(r.randint(3, 25)))
        return base

    def search(self):
        return self.rng.choice(self.phrases) if self.hit() else self.rng.choice(SEARCHES)


def js(s):
    return json.dumps(s, ensure_ascii=False)


class Out:
    """A file written in 1 MiB pieces; counts bytes."""
    def __init__(self, path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        self.f = open(path, "wb")
        self.parts, self.pending, self.bytes = [], 0, 0

    def write(self, s):
        b = s.encode("utf-8")
        self.parts.append(b)
        self.pending += len(b)
        self.bytes += len(b)
        if self.pending >= 1 << 20:
            self.f.write(b"".join(self.parts))
            self.parts, self.pending = [], 0

    def close(self):
        self.f.write(b"".join(self.parts))
        self.f.close()
        return self.bytes


def iso(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def local(t, fmt):
    return time.strftime(fmt, time.gmtime(t))


def fresh_sqlite(path, schema=()):
    """A new SQLite database at `path` (any earlier one removed), written without a journal,
    with the `schema` statements run first, so the tables sit in the first pages as in the app's
    own file."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    for statement in schema:
        db.execute(statement)
    return db


# MARK: formats

def apple_health(root, target, rng, text):
    """Apple Health export.xml: the DTD with its ATTLISTs, then a Record per sample; heart rate
    and steps dominate as in a watch owner's export, a MetadataEntry under every fifth record."""
    path = os.path.join(root, "apple_health_export", "export.xml")
    o = Out(path)
    o.write('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE HealthData [\n<!-- HealthKit Export Version: 13 -->\n'
            '<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord)*)>\n'
            '<!ATTLIST HealthData\n  locale CDATA #REQUIRED\n>\n<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>\n'
            '<!ATTLIST Record\n  type          CDATA #REQUIRED\n  unit          CDATA #IMPLIED\n  value         CDATA #IMPLIED\n'
            '  sourceName    CDATA #REQUIRED\n  sourceVersion CDATA #IMPLIED\n  device        CDATA #IMPLIED\n'
            '  creationDate  CDATA #IMPLIED\n  startDate     CDATA #REQUIRED\n  endDate       CDATA #REQUIRED\n>\n]>\n'
            '<HealthData locale="en_GB">\n <ExportDate value="2024-12-01 08:00:00 +0000"/>\n'
            ' <Me HKCharacteristicTypeIdentifierDateOfBirth="1988-04-02" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale" '
            'HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet" HKCharacteristicTypeIdentifierFitzpatrickSkinType="HKFitzpatrickSkinTypeNotSet"/>\n')
    watch = 'sourceName="Sam&#8217;s Apple Watch" sourceVersion="10.1" device="&lt;&lt;HKDevice: 0x2831d5f40&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,2, software:10.1&gt;"'
    phone = 'sourceName="Sam&#8217;s iPhone" sourceVersion="17.1.1" device="&lt;&lt;HKDevice: 0x2831d6030&gt;, name:iPhone, manufacturer:Apple Inc., model:iPhone, hardware:iPhone14,5, software:17.1.1&gt;"'
    t = 1_577_836_800  # 2020-01-01
    n = 0
    fmt = "%Y-%m-%d %H:%M:%S +0000"
    while o.bytes < target:
        t += rng.randint(60, 420)
        s = local(t, fmt)
        e = local(t + 60, fmt)
        k = rng.random()
        if k < 0.45:
            rec = f' <Record type="HKQuantityTypeIdentifierHeartRate" {watch} unit="count/min" creationDate="{e}" startDate="{s}" endDate="{s}" value="{rng.randint(52, 140)}">\n  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="{rng.randint(0, 2)}"/>\n </Record>\n'
        elif k < 0.75:
            rec = f' <Record type="HKQuantityTypeIdentifierStepCount" {phone} unit="count" creationDate="{e}" startDate="{s}" endDate="{e}" value="{rng.randint(5, 900)}"/>\n'
        elif k < 0.90:
            rec = f' <Record type="HKQuantityTypeIdentifierActiveEnergyBurned" {watch} unit="Cal" creationDate="{e}" startDate="{s}" endDate="{e}" value="{rng.uniform(0.1, 9):.3f}"/>\n'
        elif k < 0.97:
            rec = f' <Record type="HKQuantityTypeIdentifierDistanceWalkingRunning" {phone} unit="km" creationDate="{e}" startDate="{s}" endDate="{e}" value="{rng.uniform(0.01, 0.9):.5f}"/>\n'
        elif k < 0.99:
            end = local(t + rng.randint(1800, 9000), fmt)
            rec = f' <Record type="HKCategoryTypeIdentifierSleepAnalysis" {watch} creationDate="{end}" startDate="{s}" endDate="{end}" value="HKCategoryValueSleepAnalysisAsleepCore">\n  <MetadataEntry key="HKTimeZone" value="Europe/London"/>\n </Record>\n'
        elif k < 0.995:
            rec = f' <Record type="HKQuantityTypeIdentifierNumberOfAlcoholicBeverages" sourceName="Health" unit="count" creationDate="{e}" startDate="{s}" endDate="{s}" value="{rng.randint(1, 4)}"/>\n'
        else:
            end = local(t + 2700, fmt)
            rec = (f' <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="45" durationUnit="min" totalDistance="7.2" totalDistanceUnit="km" '
                   f'totalEnergyBurned="512" totalEnergyBurnedUnit="Cal" {watch} creationDate="{end}" startDate="{s}" endDate="{end}">\n'
                   f'  <MetadataEntry key="HKIndoorWorkout" value="0"/>\n </Workout>\n')
        o.write(rec)
        n += 1
        if n % 3000 == 0:
            day = local(t, "%Y-%m-%d")
            o.write(f' <ActivitySummary dateComponents="{day}" activeEnergyBurned="{rng.uniform(200, 800):.3f}" activeEnergyBurnedGoal="500" activeEnergyBurnedUnit="Cal" '
                    f'appleMoveTime="0" appleMoveTimeGoal="0" appleExerciseTime="{rng.randint(5, 90)}" appleExerciseTimeGoal="30" appleStandHours="{rng.randint(6, 15)}" appleStandHoursGoal="12"/>\n')
    o.write("</HealthData>\n")
    return path, o.close()


def spotify(root, target, rng, text):
    """Spotify extended streaming history: Streaming_History_Audio_<years>_<n>.json files of
    about 12 MB each (as Spotify splits them), one pretty-printed object per play; podcasts a
    tenth of plays, their episode names the text that reaches rules."""
    folder = os.path.join(root, "Spotify Extended Streaming History")
    total, part, t = 0, 0, 1_420_070_400
    tracks = [(f"{w.title()} {v.title()}", rng.choice(ARTISTS), f"{rng.choice(WORDS).title()} ({rng.randint(1990, 2024)})",
               "".join(rng.choice("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") for _ in range(22)))
              for w in WORDS for v in WORDS[:40]]
    while total < target:
        o = Out(os.path.join(folder, f"Streaming_History_Audio_2015-2024_{part}.json"))
        o.write("[")
        first = True
        while o.bytes < 12_000_000 and total + o.bytes < target:
            t += rng.randint(120, 900)
            ms = rng.randint(3000, 260000)
            if rng.random() < 0.1:
                ep = text.search().title() + " | Episode " + str(rng.randint(1, 400))
                meta = (f'"master_metadata_track_name": null,\n        "master_metadata_album_artist_name": null,\n        "master_metadata_album_album_name": null,\n'
                        f'        "spotify_track_uri": null,\n        "episode_name": {js(ep)},\n        "episode_show_name": "The Daily Podcast",\n'
                        f'        "spotify_episode_uri": "spotify:episode:{tracks[rng.randrange(len(tracks))][3]}",')
            else:
                name, artist, album, uri = tracks[rng.randrange(len(tracks))]
                meta = (f'"master_metadata_track_name": {js(name)},\n        "master_metadata_album_artist_name": {js(artist)},\n'
                        f'        "master_metadata_album_album_name": {js(album)},\n        "spotify_track_uri": "spotify:track:{uri}",\n'
                        f'        "episode_name": null,\n        "episode_show_name": null,\n        "spotify_episode_uri": null,')
            o.write(("" if first else ",") + f'\n    {{\n        "ts": "{iso(t)}",\n        "platform": "android",\n        "ms_played": {ms},\n'
                    f'        "conn_country": "GB",\n        "ip_addr": "81.2.{rng.randint(0, 255)}.{rng.randint(1, 254)}",\n        {meta}\n'
                    f'        "audiobook_title": null,\n        "audiobook_uri": null,\n        "audiobook_chapter_uri": null,\n        "audiobook_chapter_title": null,\n'
                    f'        "reason_start": "trackdone",\n        "reason_end": "{rng.choice(["trackdone", "fwdbtn", "endplay"])}",\n'
                    f'        "shuffle": {rng.choice(["true", "false"])},\n        "skipped": {rng.choice(["true", "false"])},\n        "offline": false,\n'
                    f'        "offline_timestamp": {t - 60},\n        "incognito_mode": false\n    }}')
            first = False
        o.write("\n]")
        total += o.close()
        part += 1
    return folder, total


def twitter(root, target, rng, text):
    """X/Twitter archive data/tweets.js: `window.YTD.tweets.part0 = [` and one pretty-printed
    tweet object per tweet (edit_info, entities, ids as strings), as the archive writes it."""
    path = os.path.join(root, "twitter-archive", "data", "tweets.js")
    o = Out(path)
    o.write("window.YTD.tweets.part0 = [")
    tid, t, first = 1_100_000_000_000_000_000, 1_546_300_800, True
    while o.bytes < target:
        t += rng.randint(300, 20000)
        tid += rng.randint(10 ** 12, 10 ** 14)
        full = text.message()
        if rng.random() < 0.3:
            full += " https://t.co/" + "".join(rng.choice("abcdefghijkXYZ0123456789") for _ in range(10))
        created = local(t, "%a %b %d %H:%M:%S +0000 %Y")
        o.write(("" if first else ",") + f'''
  {{
    "tweet" : {{
      "edit_info" : {{
        "initial" : {{
          "editTweetIds" : [
            "{tid}"
          ],
          "editableUntil" : "{iso(t + 3600)}",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }}
      }},
      "retweeted" : false,
      "source" : "<a href=\\"http://twitter.com/download/iphone\\" rel=\\"nofollow\\">Twitter for iPhone</a>",
      "entities" : {{
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ]
      }},
      "display_text_range" : [
        "0",
        "{len(full)}"
      ],
      "favorite_count" : "{rng.randint(0, 40)}",
      "id_str" : "{tid}",
      "truncated" : false,
      "retweet_count" : "{rng.randint(0, 5)}",
      "id" : "{tid}",
      "created_at" : "{created}",
      "favorited" : false,
      "full_text" : {js(full)},
      "lang" : "en"
    }}
  }}''')
        first = False
    o.write("\n]")
    return path, o.close()


def meta_escape(s):
    """Meta's mojibake: each UTF-8 byte of a non-ASCII letter as its own \\u00XX escape."""
    out = []
    for ch in s:
        if ord(ch) < 0x80:
            out.append(json.dumps(ch)[1:-1])
        else:
            out.extend(f"\\u00{b:02x}" for b in ch.encode("utf-8"))
    return "".join(out)


def messenger(root, target, rng, text):
    """Facebook Messenger threads: your_facebook_activity/messages/inbox/<name>_<id>/message_N.json,
    at most 10,000 messages a file (as Meta splits them), newest first, text in Meta's escaping."""
    total, thread = 0, 0
    friends = ["Alex Morgan", "Priya Shah", "Jonas Müller", "Chloé Martin", "Mateo García", "Olga Ivanova", "Tom Baker"]
    me = "Sam Taylor"
    while total < target:
        friend = friends[thread % len(friends)]
        slug = "".join(c for c in friend.lower() if "a" <= c <= "z")
        folder = os.path.join(root, "your_facebook_activity", "messages", "inbox", f"{slug}_{1_000_000_000 + thread * 7919}")
        for n in range(1, 4):
            o = Out(os.path.join(folder, f"message_{n}.json"))
            o.write(f'{{\n  "participants": [\n    {{\n      "name": "{meta_escape(friend)}"\n    }},\n    {{\n      "name": "{me}"\n    }}\n  ],\n  "messages": [')
            t = 1_700_000_000_000 - n * 10 ** 10
            for i in range(10_000):
                t -= rng.randint(20_000, 4_000_000)
                sender = me if rng.random() < 0.5 else meta_escape(friend)
                extra = ""
                if rng.random() < 0.1:
                    extra = f',\n      "reactions": [\n        {{\n          "reaction": "\\u00e2\\u009d\\u00a4",\n          "actor": "{me}"\n        }}\n      ]'
                o.write(("" if i == 0 else ",") + f'\n    {{\n      "sender_name": "{sender}",\n      "timestamp_ms": {t},\n'
                        f'      "content": "{meta_escape(text.message())}"{extra},\n      "is_geoblocked_for_viewer": false\n    }}')
            o.write(f'\n  ],\n  "title": "{meta_escape(friend)}",\n  "is_still_participant": true,\n  "thread_path": "inbox/{slug}_{1_000_000_000 + thread * 7919}",\n  "magic_words": []\n}}\n')
            total += o.close()
            if total >= target:
                break
        thread += 1
    return os.path.join(root, "your_facebook_activity"), total


def tiktok(root, target, rng, text):
    """TikTok user_data.json: one object of sections; watch history dominates (a Link per video),
    then likes, searches, comments and chats, login history passed over by the parser."""
    path = os.path.join(root, "TikTok_Data", "user_data.json")
    o = Out(path)
    t = 1_600_000_000

    def stamp():
        nonlocal t
        t += rng.randint(5, 600)
        return local(t, "%Y-%m-%d %H:%M:%S")

    def video():
        return f"https://www.tiktokv.com/share/video/{rng.randint(6_800_000_000_000_000_000, 7_400_000_000_000_000_000)}/"

    def section(budget, item):
        start, first = o.bytes, True
        while o.bytes - start < budget:
            o.write(("" if first else ",\n") + "          " + item())
            first = False

    o.write('{\n  "Activity": {\n    "Login History": {\n      "LoginHistoryList": [\n')
    section(target * 0.02, lambda: f'{{"Date": "{stamp()}", "IP": "81.2.{rng.randint(0, 255)}.{rng.randint(1, 254)}", "DeviceModel": "iPhone14,5", "DeviceSystem": "iOS 17.1", "NetworkType": "Wi-Fi", "Carrier": "EE"}}')
    o.write('\n      ]\n    },\n    "Video Browsing History": {\n      "VideoList": [\n')
    section(target * 0.62, lambda: f'{{"Date": "{stamp()}", "Link": "{video()}"}}')
    o.write('\n      ]\n    },\n    "Like List": {\n      "ItemFavoriteList": [\n')
    section(target * 0.12, lambda: f'{{"Date": "{stamp()}", "Link": "{video()}"}}')
    o.write('\n      ]\n    },\n    "Search History": {\n      "SearchList": [\n')
    section(target * 0.08, lambda: f'{{"Date": "{stamp()}", "SearchTerm": {js(text.search())}}}')
    o.write('\n      ]\n    },\n    "Following List": {\n      "Following": [\n')
    section(target * 0.01, lambda: f'{{"Date": "{stamp()}", "UserName": "{rng.choice(WORDS)}_{rng.randint(1, 9999)}"}}')
    o.write('\n      ]\n    }\n  },\n  "Ads and data": {\n    "Ad Interests": {\n      "AdInterestCategories": "Games|Beauty|Food &amp; Drink|Travel"\n    }\n  },\n')
    o.write('  "Comment": {\n    "Comments": {\n      "CommentsList": [\n')
    section(target * 0.05, lambda: f'{{"Date": "{stamp()}", "Comment": {js(text.message())}, "Photo": "N/A", "Url": ""}}')
    o.write('\n      ]\n    }\n  },\n  "Direct Messages": {\n    "Chat History": {\n      "ChatHistory": {\n')
    for c in range(10):
        o.write(("" if c == 0 else ",\n") + f'        "Chat History with friend_{c}:": [\n')
        section(target * 0.01, lambda: f'{{"Date": "{stamp()}", "From": "{rng.choice(["me_sam", "friend_" + str(c)])}", "Content": {js(text.message())}}}')
        o.write("\n        ]")
    o.write('\n      }\n    }\n  },\n  "Profile": {\n    "Profile Information": {\n      "ProfileMap": {"userName": "me_sam"}\n    }\n  }\n}\n')
    return path, o.close()


def whatsapp(root, target, rng, text):
    """WhatsApp "Export chat → Without media" text files, iPhone layout, one file a chat of
    about 25 MB (a decade of a busy family group), a few multi-line messages."""
    folder = os.path.join(root, "whatsapp")
    total, chat = 0, 0
    names = ["Sam Taylor", "Alex Morgan", "Mum", "Priya Shah", "Dad", "Tom Baker"]
    while total < target:
        o = Out(os.path.join(folder, f"WhatsApp Chat - Family {chat}", "_chat.txt"))
        t = 1_420_070_400 + chat * 7
        o.write(f"[{local(t, '%d/%m/%Y, %H:%M:%S')}] Family {chat}: \u200eMessages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.\n")
        while o.bytes < 25_000_000 and total + o.bytes < target:
            t += rng.randint(10, 3000)
            body = text.message()
            if rng.random() < 0.03:
                body += "\n" + text.message()
            o.write(f"[{local(t, '%d/%m/%Y, %H:%M:%S')}] {rng.choice(names)}: {body}\n")
        total += o.close()
        chat += 1
    return folder, total


def chrome_sqlite(root, target, rng, text):
    """Chrome's History database (SQLite, schema of Chrome 120): urls, visits and
    keyword_search_terms; about 3 visits per URL, searches a tenth of URLs."""
    path = os.path.join(root, "chrome-profile", "History")
    db = fresh_sqlite(path, [
        "CREATE TABLE meta(key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value LONGVARCHAR)",
        "INSERT INTO meta VALUES ('version', '67')",
        "CREATE TABLE urls(id INTEGER PRIMARY KEY AUTOINCREMENT,url LONGVARCHAR,title LONGVARCHAR,visit_count INTEGER DEFAULT 0 NOT NULL,typed_count INTEGER DEFAULT 0 NOT NULL,last_visit_time INTEGER NOT NULL,hidden INTEGER DEFAULT 0 NOT NULL)",
        "CREATE TABLE visits(id INTEGER PRIMARY KEY AUTOINCREMENT,url INTEGER NOT NULL,visit_time INTEGER NOT NULL,from_visit INTEGER,external_referrer_url TEXT,transition INTEGER DEFAULT 0 NOT NULL,segment_id INTEGER,visit_duration INTEGER DEFAULT 0 NOT NULL,incremented_omnibox_typed_score BOOLEAN DEFAULT FALSE NOT NULL,opener_visit INTEGER,originator_cache_guid TEXT,originator_visit_id INTEGER,originator_from_visit INTEGER,originator_opener_visit INTEGER,is_known_to_sync BOOLEAN DEFAULT FALSE NOT NULL,consider_for_ntp_most_visited BOOLEAN DEFAULT FALSE NOT NULL,visited_link_id INTEGER DEFAULT 0 NOT NULL,app_id TEXT)",
        "CREATE INDEX visits_url_index ON visits (url)",
        "CREATE INDEX visits_time_index ON visits (visit_time)",
        "CREATE TABLE keyword_search_terms (keyword_id INTEGER NOT NULL,url_id INTEGER NOT NULL,term LONGVARCHAR NOT NULL,normalized_term LONGVARCHAR NOT NULL)",
        "CREATE INDEX keyword_search_terms_index1 ON keyword_search_terms (keyword_id, normalized_term)",
        "CREATE INDEX urls_url_index ON urls (url)",
    ])
    webkit = (1_600_000_000 + 11_644_473_600) * 1_000_000
    url_id = visit_id = 0
    while True:
        urls, visits, terms = [], [], []
        for _ in range(20_000):
            url_id += 1
            if rng.random() < 0.1:
                q = text.search()
                url = "https://www.google.com/search?q=" + q.replace(" ", "+") + "&sourceid=chrome&ie=UTF-8&oq=" + q.replace(" ", "+")
                title = q + " - Google Search"
                terms.append((2, url_id, q, q.lower()))
            else:
                host = rng.choice(HOSTS)
                path_ = "/".join(rng.choice(WORDS) for _ in range(rng.randint(1, 5)))
                url = f"https://{host}/{path_}-{rng.randint(1, 10 ** 7)}"
                title = rng.choice(TITLES) if rng.random() > HIT_SHARE else text.search().title() + " | News"
            n = rng.randint(1, 5)
            for _ in range(n):
                visit_id += 1
                webkit += rng.randint(1, 600) * 1_000_000
                visits.append((visit_id, url_id, webkit, 0, 805306368, rng.randint(0, 120_000_000)))
            urls.append((url_id, url, title, n, 0, webkit, 0))
        db.executemany("INSERT INTO urls VALUES (?,?,?,?,?,?,?)", urls)
        db.executemany("INSERT INTO visits (id, url, visit_time, from_visit, transition, visit_duration) VALUES (?,?,?,?,?,?)", visits)
        db.executemany("INSERT INTO keyword_search_terms VALUES (?,?,?,?)", terms)
        db.commit()
        if os.path.getsize(path) >= target:
            break
    db.close()
    return path, os.path.getsize(path)


def exif_jpeg(rng, t, lat, lon, filler, size):
    """A JPEG as a phone writes it: SOI, APP1 Exif (Make, Model, DateTimeOriginal, GPS IFD),
    then `size` bytes of entropy-coded-looking data and EOI."""
    def ifd(entries, data_offset):
        # entries: (tag, type, count, value bytes); values over 4 bytes go after the IFD.
        out, extra = struct.pack(">H", len(entries)), b""
        for tag, typ, count, value in entries:
            if len(value) <= 4:
                out += struct.pack(">HHI", tag, typ, count) + value.ljust(4, b"\0")
            else:
                out += struct.pack(">HHII", tag, typ, count, data_offset + len(extra))
                extra += value
        return out + b"\0\0\0\0", extra

    def rational(v):
        d, m = int(v), (v - int(v)) * 60
        return struct.pack(">IIIIII", d, 1, int(m), 1, int((m - int(m)) * 60 * 100), 100)

    stamp = local(t, "%Y:%m:%d %H:%M:%S").encode() + b"\0"
    # Layout: TIFF header (8) | IFD0 | IFD0 data | Exif IFD | its data | GPS IFD | its data
    ifd0_len = 2 + 12 * 4 + 4
    make, model = b"Apple\0", b"iPhone 13\0"
    ifd0_data_len = len(make) + len(model)
    exif_at = 8 + ifd0_len + ifd0_data_len
    exif_len = 2 + 12 + 4
    gps_at = exif_at + exif_len + len(stamp)
    ifd0, ifd0_extra = ifd([(0x010F, 2, len(make), make), (0x0110, 2, len(model), model),
                            (0x8769, 4, 1, struct.pack(">I", exif_at)), (0x8825, 4, 1, struct.pack(">I", gps_at))], 8 + ifd0_len)
    exif, exif_extra = ifd([(0x9003, 2, len(stamp), stamp)], exif_at + exif_len)
    gps_len = 2 + 12 * 4 + 4
    gps, gps_extra = ifd([(0x0001, 2, 2, b"S\0" if lat < 0 else b"N\0"), (0x0002, 5, 3, rational(abs(lat))),
                          (0x0003, 2, 2, b"W\0" if lon < 0 else b"E\0"), (0x0004, 5, 3, rational(abs(lon)))], gps_at + gps_len)
    tiff = b"MM\0\x2a" + struct.pack(">I", 8) + ifd0 + ifd0_extra + exif + exif_extra + gps + gps_extra
    app1 = b"Exif\0\0" + tiff
    start = rng.randrange(0, len(filler) - size)
    return (b"\xff\xd8\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1 +
            b"\xff\xdb\x00\x43\x00" + bytes(range(64)) + b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00" +
            filler[start:start + size] + b"\xff\xd9")


def isobmff_box(kind, payload):
    """One ISO base media box: 32-bit size, four-character type, payload."""
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def heic_photo(tiff, filler, rng, size):
    """A HEIC as an iPhone writes it: ftyp, meta (hdlr, pitm, iinf with the image item and an
    Exif item, iloc with their file offsets), then mdat: the Exif item first, then `size`
    bytes of image tiles."""
    exif_item = struct.pack(">I", 6) + b"Exif\0\0" + tiff

    def meta(exif_at, image_at):
        full = lambda kind, version, payload: isobmff_box(kind, bytes([version, 0, 0, 0]) + payload)
        infe = lambda item, kind: full(b"infe", 2, struct.pack(">HH", item, 0) + kind + b"\0")
        iloc_items = b"".join(struct.pack(">HHHHII", item, 0, 0, 1, at, length)
                              for item, at, length in [(1, image_at, size), (2, exif_at, len(exif_item))])
        return full(b"meta", 0, full(b"hdlr", 0, b"\0" * 4 + b"pict" + b"\0" * 13) + full(b"pitm", 0, struct.pack(">H", 1)) +
                    full(b"iinf", 0, struct.pack(">H", 2) + infe(1, b"hvc1") + infe(2, b"Exif")) +
                    full(b"iloc", 1, b"\x44\x00" + struct.pack(">H", 2) + iloc_items))

    ftyp = isobmff_box(b"ftyp", b"heic" + b"\0" * 4 + b"mif1heic")
    mdat_at = len(ftyp) + len(meta(0, 0)) + 8
    start = rng.randrange(0, len(filler) - size)
    return (ftyp + meta(mdat_at, mdat_at + len(exif_item)) +
            isobmff_box(b"mdat", exif_item + filler[start:start + size]))


def mp4_video(t, lat, lon, filler, rng, size):
    """An MP4 as a phone writes it: ftyp, then moov (mvhd with the creation time since 1904,
    a track, udta/©xyz with the ISO 6709 position) and mdat of `size` bytes, moov first for
    half of the videos (fast start, as most Android recorders) and last for the others (as
    iPhones write MOV)."""
    mvhd = isobmff_box(b"mvhd", b"\0" * 4 + struct.pack(">IIII", t + 2_082_844_800, t + 2_082_844_800, 600, 6000) + b"\0" * 80)
    place = f"{lat:+08.4f}{lon:+09.4f}/".encode()
    udta = isobmff_box(b"udta", isobmff_box(b"\xa9xyz", struct.pack(">HH", len(place), 0x15C7) + place))
    moov = isobmff_box(b"moov", mvhd + isobmff_box(b"trak", b"\0" * rng.randint(20_000, 200_000)) + udta)
    start = rng.randrange(0, len(filler) - size)
    mdat = isobmff_box(b"mdat", filler[start:start + size])
    ftyp = isobmff_box(b"ftyp", b"isom\0\0\x02\0isomiso2avc1mp41")
    return ftyp + (moov + mdat if rng.random() < 0.5 else mdat + moov)


def photos_takeout(root, target, rng, text):
    """A Google Photos Takeout zip: Takeout/Google Photos/<album>/IMG_….jpg (Exif with GPS and
    time), IMG_….HEIC (the same Exif as an item) and VID_….mp4 (time and place in moov), each with its
    `.supplemental-metadata.json` sidecar. Media members are stored (JPEG, HEIC and MP4 do not
    compress), sidecars deflated. Sizes as a phone's: photos 1.5–4 MB, HEIC 1–2 MB, videos 10–60 MB."""
    path = os.path.join(root, "takeout-photos.zip")
    os.makedirs(root, exist_ok=True)
    filler = os.urandom(64 << 20)
    total, n, t = 0, 0, 1_500_000_000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        while total < target:
            n += 1
            t += rng.randint(600, 200_000)
            lat, lon = 51.5 + rng.uniform(-0.3, 0.3), -0.12 + rng.uniform(-0.4, 0.4)
            album = f"Takeout/Google Photos/Photos from {local(t, '%Y')}/"
            k = rng.random()
            if k < 0.6:
                name = f"IMG_{n:05d}.jpg"
                data = exif_jpeg(rng, t, lat, lon, filler, rng.randint(1_500_000, 4_000_000))
            elif k < 0.9:
                name = f"IMG_{n:05d}.HEIC"
                jpeg = exif_jpeg(rng, t, lat, lon, filler, 16)
                app1_length = struct.unpack(">H", jpeg[4:6])[0]
                tiff = jpeg[12:4 + app1_length]
                data = heic_photo(tiff, filler, rng, rng.randint(1_000_000, 2_000_000))
            else:
                name = f"VID_{n:05d}.mp4"
                data = mp4_video(t, lat, lon, filler, rng, rng.randint(10_000_000, 60_000_000))
            z.writestr(zipfile.ZipInfo(album + name, date_time=(2024, 1, 1, 0, 0, 0)), data, compress_type=zipfile.ZIP_STORED)
            sidecar = json.dumps({
                "title": name, "description": "", "imageViews": str(rng.randint(0, 40)),
                "creationTime": {"timestamp": str(t + 3600), "formatted": local(t + 3600, "%d %b %Y, %H:%M:%S UTC")},
                "photoTakenTime": {"timestamp": str(t), "formatted": local(t, "%d %b %Y, %H:%M:%S UTC")},
                "geoData": {"latitude": round(lat, 7), "longitude": round(lon, 7), "altitude": 31.0, "latitudeSpan": 0.0, "longitudeSpan": 0.0},
                "geoDataExif": {"latitude": round(lat, 7), "longitude": round(lon, 7), "altitude": 31.0, "latitudeSpan": 0.0, "longitudeSpan": 0.0},
                "url": f"https://photos.google.com/photo/AF1Qip{n:08d}",
                "googlePhotosOrigin": {"mobileUpload": {"deviceType": "IOS_PHONE"}},
            }, indent=2)
            z.writestr(zipfile.ZipInfo(album + name + ".supplemental-metadata.json", date_time=(2024, 1, 1, 0, 0, 0)), sidecar,
                       compress_type=zipfile.ZIP_DEFLATED)
            total += len(data) + len(sidecar)
    return path, total


def xml_attr(s):
    return (s.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "&#10;"))


def sms_backup(root, target, rng, text):
    """SMS Backup & Restore: sms-<ms>.xml, one <sms> element a message with every attribute the
    app writes (address, date in epoch ms, type 1 received / 2 sent, body, readable_date,
    contact_name), and a calls-<ms>.xml beside it a twentieth of the size."""
    folder = os.path.join(root, "sms-backup")
    names = [("+447700900123", "Mum"), ("+447700900456", "Alex Morgan"), ("+447700900789", "Priya Shah"),
             ("+447700900321", "Tom Baker"), ("88355", "(Unknown)")]
    total = 0
    for kind, share in (("sms", 0.95), ("calls", 0.05)):
        o = Out(os.path.join(folder, f"{kind}-20240301120000.xml"))
        o.write("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n")
        o.write("<!--File Created By SMS Backup & Restore v10.20.002 on 01/03/2024 12:00:00-->\n")
        o.write(f'<?xml-stylesheet type="text/xsl" href="{kind}.xsl"?>\n')
        o.write('<smses count="0" backup_set="a3f1c2d4" backup_date="1709294400000" type="full">\n' if kind == "sms"
                else '<calls count="0" backup_set="a3f1c2d4" backup_date="1709294400000" type="full">\n')
        t = 1_420_070_400
        while o.bytes < target * share:
            t += rng.randint(20, 4000)
            number, name = rng.choice(names)
            readable = local(t, "%d %b %Y %H:%M:%S")
            if kind == "sms":
                o.write(f'  <sms protocol="0" address="{number}" date="{t}000" type="{rng.choice((1, 2))}" subject="null" '
                        f'body="{xml_attr(text.message())}" toa="null" sc_toa="null" service_center="null" read="1" status="-1" '
                        f'locked="0" date_sent="{t - 2}000" sub_id="1" readable_date="{readable}" contact_name="{name}" />\n')
            else:
                o.write(f'  <call number="{number}" duration="{rng.randint(0, 1800)}" date="{t}000" type="{rng.choice((1, 2, 3))}" '
                        f'presentation="1" subscription_id="1" post_dial_digits="" subscription_component_name="" '
                        f'readable_date="{readable}" contact_name="{name}" />\n')
        o.write("</smses>\n" if kind == "sms" else "</calls>\n")
        total += o.close()
    return folder, total


def telegram(root, target, rng, text):
    """Telegram Desktop "Export Telegram data" (machine-readable JSON): one result.json with
    personal information and chats.list[], each chat's messages with date, date_unixtime, from,
    from_id, text and text_entities, as Telegram Desktop 4.x writes them (one chat of about 20
    MB per contact, a few with formatted text as an array of entities)."""
    path = os.path.join(root, "telegram", "DataExport_2024-03-01", "result.json")
    o = Out(path)
    o.write('{\n "about": "Here is the data you requested. Remember: Telegram is ad free, it doesn\'t sell your data.",\n'
            ' "personal_information": {\n  "user_id": 100200300,\n  "first_name": "Sam",\n  "last_name": "Taylor",\n'
            '  "phone_number": "+44 7700 900000",\n  "username": "@samt",\n  "bio": ""\n },\n'
            ' "chats": {\n  "about": "This page lists all chats from this export.",\n  "list": [\n')
    names = ["Alex Morgan", "Mum", "Priya Shah", "Tom Baker", "Running club", "Dad"]
    chat, message_id = 0, 0
    while o.bytes < target:
        name = names[chat % len(names)] + ("" if chat < len(names) else f" {chat}")
        chat_id = 4_000_000 + chat
        o.write(("" if chat == 0 else ",\n") + '   {\n    "name": ' + js(name) + ',\n    "type": "personal_chat",\n'
                f'    "id": {chat_id},\n    "messages": [\n')
        t, first, start = 1_420_070_400 + chat * 11, True, o.bytes
        while o.bytes - start < 20_000_000 and o.bytes < target:
            t += rng.randint(10, 5000)
            message_id += 1
            mine = rng.random() < 0.5
            sender, sender_id = ("Sam Taylor", "user100200300") if mine else (name, f"user{chat_id}")
            body = text.message()
            if rng.random() < 0.05:
                text_json = json.dumps([{"type": "bold", "text": body.split(" ")[0]}, " " + " ".join(body.split(" ")[1:])], ensure_ascii=False)
                entities = json.dumps([{"type": "bold", "text": body.split(" ")[0]}, {"type": "plain", "text": " " + " ".join(body.split(" ")[1:])}], ensure_ascii=False)
            else:
                text_json = js(body)
                entities = json.dumps([{"type": "plain", "text": body}], ensure_ascii=False)
            o.write(("" if first else ",\n") + "     {\n"
                    f'      "id": {message_id},\n      "type": "message",\n'
                    f'      "date": "{local(t, "%Y-%m-%dT%H:%M:%S")}",\n      "date_unixtime": "{t}",\n'
                    f'      "from": {js(sender)},\n      "from_id": "{sender_id}",\n'
                    f'      "text": {text_json},\n      "text_entities": {entities}\n     }}')
            first = False
        o.write("\n    ]\n   }")
        chat += 1
    o.write("\n  ]\n }\n}\n")
    return os.path.dirname(path), o.close()


def mbox(root, target, rng, text):
    """Gmail in Takeout: Takeout/Mail/All mail Including Spam and Trash.mbox, one message after
    another with Gmail's X-GM-THRID and X-Gmail-Labels headers, most as text/plain and a third
    as multipart/alternative with an HTML part, bodies of newsletters, receipts and letters."""
    path = os.path.join(root, "mbox", "Takeout", "Mail", "All mail Including Spam and Trash.mbox")
    o = Out(path)
    senders = ["Trainline <auto-confirm@info.thetrainline.com>", "Amazon.co.uk <auto-confirm@amazon.co.uk>",
               "Alex Morgan <alex.morgan@example.org>", "The Guardian <newsletters@theguardian.com>",
               "Tesco <no-reply@tesco.co.uk>", "Priya Shah <priya@example.net>"]
    t, n = 1_420_070_400, 0
    while o.bytes < target:
        t += rng.randint(300, 20_000)
        n += 1
        sender = rng.choice(senders)
        subject = text.search().capitalize() if rng.random() < 0.5 else rng.choice(TITLES)
        paragraphs = "\n\n".join(text.message() + " " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 80)))
                                 for _ in range(rng.randint(2, 8)))
        date = time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(t))
        head = (f"From {1_700_000_000_000_000_000 + n}@xxx {time.strftime('%a %b %d %H:%M:%S +0000 %Y', time.gmtime(t))}\n"
                f"X-GM-THRID: {1_700_000_000_000_000_000 + n // 3}\nX-Gmail-Labels: {rng.choice(['Inbox,Opened', 'Archived,Category Updates', 'Inbox,Category Promotions,Unread'])}\n"
                f"Delivered-To: sam.taylor@gmail.com\nReceived: by 2002:a05:6a10:{n % 65536:x} with SMTP id x{n}; {date}\n"
                f"Date: {date}\nFrom: {sender}\nTo: Sam Taylor <sam.taylor@gmail.com>\nSubject: {subject}\n"
                f"Message-ID: <{n}.{t}@mail.example.com>\nMIME-Version: 1.0\n")
        if rng.random() < 0.33:
            boundary = f"000000000000{n:012x}"
            html = "<html><body>" + "".join(f"<p>{para}</p>" for para in paragraphs.split("\n\n")) + "</body></html>"
            o.write(head + f'Content-Type: multipart/alternative; boundary="{boundary}"\n\n'
                    f"--{boundary}\nContent-Type: text/plain; charset=\"UTF-8\"\n\n{paragraphs}\n\n"
                    f"--{boundary}\nContent-Type: text/html; charset=\"UTF-8\"\n\n{html}\n\n--{boundary}--\n\n")
        else:
            o.write(head + f'Content-Type: text/plain; charset="UTF-8"\n\n{paragraphs}\n\n')
    return os.path.dirname(os.path.dirname(path)), o.close()


def chatgpt(root, target, rng, text):
    """ChatGPT "Export data": conversations.json, an array of conversations, each a `mapping` of
    message nodes (id, parent, children, message with author.role, create_time, content.parts)
    from a root without a message, as the export writes them (system node, then user and
    assistant turns; answers several times longer than questions)."""
    path = os.path.join(root, "chatgpt", "conversations.json")
    o = Out(path)
    o.write("[")
    n, t = 0, 1_680_000_000.0
    while o.bytes < target:
        n += 1
        t += rng.randint(600, 90_000)
        nodes, parent, order = {}, None, []
        def node(message):
            nonlocal parent
            nid = f"{n:08x}-{len(nodes):04x}-4a1b-9c2d-{rng.getrandbits(48):012x}"
            nodes[nid] = {"id": nid, "message": message, "parent": parent, "children": []}
            if parent:
                nodes[parent]["children"].append(nid)
            parent = nid
            order.append(nid)
        node(None)
        node({"id": "sys", "author": {"role": "system", "name": None, "metadata": {}}, "create_time": None, "update_time": None,
              "content": {"content_type": "text", "parts": [""]}, "status": "finished_successfully", "end_turn": True,
              "weight": 0.0, "metadata": {"is_visually_hidden_from_conversation": True}, "recipient": "all", "channel": None})
        turn_time = t
        for _ in range(rng.randint(1, 8)):
            turn_time += rng.randint(5, 300)
            question = text.search() + ("? " + text.message() if rng.random() < 0.5 else "")
            node({"id": f"u{len(nodes)}", "author": {"role": "user", "name": None, "metadata": {}}, "create_time": turn_time,
                  "update_time": None, "content": {"content_type": "text", "parts": [question]}, "status": "finished_successfully",
                  "end_turn": None, "weight": 1.0, "metadata": {"request_id": f"{rng.getrandbits(64):x}"}, "recipient": "all", "channel": None})
            answer = " ".join(rng.choice(WORDS) for _ in range(rng.randint(80, 400)))
            node({"id": f"a{len(nodes)}", "author": {"role": "assistant", "name": None, "metadata": {}}, "create_time": turn_time + 4,
                  "update_time": None, "content": {"content_type": "text", "parts": [answer]}, "status": "finished_successfully",
                  "end_turn": True, "weight": 1.0, "metadata": {"model_slug": "gpt-4o"}, "recipient": "all", "channel": None})
        conversation = {"title": text.search().capitalize(), "create_time": t, "update_time": turn_time + 4, "mapping": nodes,
                        "moderation_results": [], "current_node": order[-1], "plugin_ids": None,
                        "conversation_id": f"{n:08x}-0000-4000-8000-000000000000", "id": f"{n:08x}-0000-4000-8000-000000000000"}
        o.write(("" if n == 1 else ", ") + json.dumps(conversation, ensure_ascii=False))
    o.write("]")
    return os.path.dirname(path), o.close()


def firefox(root, target, rng, text):
    """Firefox's places.sqlite (schema of Firefox 115+): moz_places (a row per URL with its title
    and frecency) and moz_historyvisits (a row per visit, PRTime microseconds), about three
    visits per URL; bookmarks tables present and empty."""
    path = os.path.join(root, "firefox-profile", "places.sqlite")
    db = fresh_sqlite(path, [
        "PRAGMA user_version=77",
        "CREATE TABLE moz_origins (id INTEGER PRIMARY KEY, prefix TEXT NOT NULL, host TEXT NOT NULL, frecency INTEGER NOT NULL, UNIQUE (prefix, host))",
        "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url LONGVARCHAR, title LONGVARCHAR, rev_host LONGVARCHAR, visit_count INTEGER DEFAULT 0, hidden INTEGER DEFAULT 0 NOT NULL, typed INTEGER DEFAULT 0 NOT NULL, frecency INTEGER DEFAULT -1 NOT NULL, last_visit_date INTEGER , guid TEXT, foreign_count INTEGER DEFAULT 0 NOT NULL, url_hash INTEGER DEFAULT 0 NOT NULL , description TEXT, preview_image_url TEXT, site_name TEXT, origin_id INTEGER REFERENCES moz_origins(id), recalc_frecency INTEGER NOT NULL DEFAULT 0, alt_frecency INTEGER, recalc_alt_frecency INTEGER NOT NULL DEFAULT 0)",
        "CREATE TABLE moz_historyvisits (id INTEGER PRIMARY KEY, from_visit INTEGER, place_id INTEGER, visit_date INTEGER, visit_type INTEGER, session INTEGER, source INTEGER DEFAULT 0 NOT NULL, triggeringPlaceId INTEGER)",
        "CREATE TABLE moz_bookmarks (id INTEGER PRIMARY KEY, type INTEGER, fk INTEGER DEFAULT NULL, parent INTEGER, position INTEGER, title LONGVARCHAR, keyword_id INTEGER, folder_type TEXT, dateAdded INTEGER, lastModified INTEGER, guid TEXT, syncStatus INTEGER NOT NULL DEFAULT 0, syncChangeCounter INTEGER NOT NULL DEFAULT 1)",
        "CREATE INDEX moz_historyvisits_placedateindex ON moz_historyvisits (place_id, visit_date)",
        "CREATE INDEX moz_historyvisits_dateindex ON moz_historyvisits (visit_date)",
    ])
    for i, host in enumerate(HOSTS):
        db.execute("INSERT INTO moz_origins VALUES (?, 'https://', ?, 100)", (i + 1, host))
    place, visit, t, size = 0, 0, 1_420_070_400 * 1_000_000, 0
    while size < target:
        places, visits = [], []
        for _ in range(5000):
            place += 1
            host_index = rng.randrange(len(HOSTS))
            host = HOSTS[host_index]
            if text.hit():
                query = text.search()
                url = f"https://www.google.com/search?q={query.replace(' ', '+')}&client=firefox-b-d"
                title = f"{query} - Google Search"
            else:
                url = f"https://{host}/{'/'.join(rng.choice(WORDS) for _ in range(rng.randint(1, 4)))}-{rng.getrandbits(32):x}"
                title = rng.choice(TITLES)
            count = rng.randint(1, 5)
            places.append((place, url, title, host[::-1] + ".", count, t, f"{rng.getrandbits(72):018x}", rng.getrandbits(47), host_index + 1))
            for _ in range(count):
                t += rng.randint(1, 600) * 1_000_000
                visit += 1
                visits.append((visit, 0, place, t, rng.choice((1, 1, 1, 2, 5)), 0))
            size += len(url) + len(title) + 120 + 40 * count
        db.executemany("INSERT INTO moz_places (id, url, title, rev_host, visit_count, last_visit_date, guid, url_hash, origin_id) VALUES (?,?,?,?,?,?,?,?,?)", places)
        db.executemany("INSERT INTO moz_historyvisits (id, from_visit, place_id, visit_date, visit_type, session) VALUES (?,?,?,?,?,?)", visits)
    db.commit()
    db.close()
    return os.path.dirname(path), os.path.getsize(path)


def gpx(root, target, rng, text):
    """A Strava bulk export's activities/ folder of GPX tracks (Strava's own GPX: metadata time,
    one trk with name and type, a trkpt a second with elevation and time, 1–3 hours each)."""
    folder = os.path.join(root, "gpx", "activities")
    total, n, t = 0, 0, 1_500_000_000
    while total < target:
        n += 1
        t += rng.randint(40_000, 300_000)
        o = Out(os.path.join(folder, f"{10_000_000_000 + n}.gpx"))
        kind, name = rng.choice((("running", "Morning Run"), ("cycling", "Afternoon Ride"), ("walking", "Evening Walk")))
        o.write('<?xml version="1.0" encoding="UTF-8"?>\n<gpx creator="StravaGPX" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                'xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd" version="1.1" '
                'xmlns="http://www.topografix.com/GPX/1/1">\n'
                f' <metadata>\n  <time>{iso(t)}</time>\n </metadata>\n <trk>\n  <name>{name}</name>\n  <type>{kind}</type>\n  <trkseg>\n')
        lat, lon, ele = 51.5 + rng.uniform(-0.2, 0.2), -0.12 + rng.uniform(-0.3, 0.3), 30.0
        for s in range(rng.randint(3600, 10_800)):
            lat += rng.uniform(-0.00004, 0.00004)
            lon += rng.uniform(-0.00006, 0.00006)
            ele += rng.uniform(-0.3, 0.3)
            o.write(f'   <trkpt lat="{lat:.7f}" lon="{lon:.7f}">\n    <ele>{ele:.1f}</ele>\n    <time>{iso(t + s)}</time>\n   </trkpt>\n')
        o.write("  </trkseg>\n </trk>\n</gpx>\n")
        total += o.close()
    return folder, total


# Everyday places that no rule reads as sensitive (a gym or a hospital would: the planted
# phrases are to be the only ones that reach rules).
PLACE_KINDS = ["Tesco Express", "Sainsbury's Local", "Pret A Manger", "Costa Coffee", "The Crown", "Leon",
               "Waitrose", "Lidl", "Odeon Cinema", "Dishoom", "Nando's", "Greggs", "Post Office", "Screwfix",
               "Holland Park", "King's Cross", "Victoria Park", "Barbican Centre", "Wagamama", "Foyles"]
STREETS = ["High Street", "Station Road", "Church Lane", "Victoria Road", "Green Lane", "Mill Road", "Park Avenue",
           "London Road", "Queen's Road", "Kingsland Road", "Essex Road", "Holloway Road", "Old Street", "Upper Street"]
ACTIVITIES = ["WALKING", "IN_PASSENGER_VEHICLE", "IN_BUS", "IN_SUBWAY", "CYCLING", "IN_TRAIN", "RUNNING", "IN_TRAM"]


def e7(v):
    return int(round(v * 1e7))


def iso_ms(t_ms):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t_ms // 1000)) + f".{t_ms % 1000:03d}Z"


def place_id(rng):
    return "ChIJ" + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") for _ in range(23))


def semantic_location(root, target, rng, text):
    """Google Takeout Semantic Location History: Takeout/Location History (Timeline)/Semantic
    Location History/<year>/<year>_<MONTH>.json, one pretty-printed {"timelineObjects": [...]}
    per month, alternating activitySegment (start/end location, activities with probabilities,
    waypointPath, simplifiedRawPath) and placeVisit (location with placeId, address, name and
    semanticType, otherCandidateLocations, centerLatE7/LngE7), ISO times with milliseconds as
    Takeout wrote them from 2021 on. A busy phone: six to ten visits a day, a month about 1.3 MB, 2011 on.
    About 4 % of visits are at a place whose name is a lexicon phrase (a shop, bar, clinic)."""
    folder = os.path.join(root, "Takeout", "Location History (Timeline)", "Semantic Location History")
    months = ["JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER",
              "NOVEMBER", "DECEMBER"]
    # A pool of everyday places near home, each with a fixed id, address and position, so the
    # same places recur as in a real history (home and work the most).
    def new_place(name, semantic="TYPE_UNKNOWN"):
        return {"lat": 51.5 + rng.uniform(-0.12, 0.12), "lng": -0.12 + rng.uniform(-0.2, 0.2), "id": place_id(rng),
                "name": name, "semantic": semantic,
                "address": f"{rng.randint(1, 240)} {rng.choice(STREETS)}, London {rng.choice(['N1', 'E8', 'SW9', 'NW5', 'SE15', 'W12'])} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}, UK"}
    home, work = new_place("Home", "TYPE_HOME"), new_place("Acme Ltd", "TYPE_WORK")
    everyday = [new_place(rng.choice(PLACE_KINDS)) for _ in range(400)]
    device = rng.randint(-2_000_000_000, 2_000_000_000)
    total, year, month, prev = 0, 2011, 0, home

    def visit(place, start, end):
        candidates = ",\n".join(
            f'        {{\n          "latitudeE7": {e7(c["lat"])},\n          "longitudeE7": {e7(c["lng"])},\n'
            f'          "placeId": "{c["id"]}",\n          "address": {js(c["address"])},\n          "name": {js(c["name"])},\n'
            f'          "semanticType": "{c["semantic"]}",\n          "locationConfidence": {rng.uniform(0, 20):.4f},\n'
            f'          "calibratedProbability": {rng.uniform(0, 15):.4f}\n        }}'
            for c in rng.sample(everyday, rng.randint(3, 8)))
        return (f'{{\n    "placeVisit": {{\n      "location": {{\n        "latitudeE7": {e7(place["lat"])},\n'
                f'        "longitudeE7": {e7(place["lng"])},\n        "placeId": "{place["id"]}",\n'
                f'        "address": {js(place["address"])},\n        "name": {js(place["name"])},\n'
                f'        "semanticType": "{place["semantic"]}",\n        "sourceInfo": {{\n          "deviceTag": {device}\n        }},\n'
                f'        "locationConfidence": {rng.uniform(40, 99):.4f},\n        "calibratedProbability": {rng.uniform(30, 95):.4f}\n      }},\n'
                f'      "duration": {{\n        "startTimestamp": "{iso_ms(start)}",\n        "endTimestamp": "{iso_ms(end)}"\n      }},\n'
                f'      "placeConfidence": "{rng.choice(["HIGH_CONFIDENCE", "MEDIUM_CONFIDENCE", "USER_CONFIRMED"])}",\n'
                f'      "centerLatE7": {e7(place["lat"] + rng.uniform(-0.0003, 0.0003))},\n'
                f'      "centerLngE7": {e7(place["lng"] + rng.uniform(-0.0003, 0.0003))},\n'
                f'      "visitConfidence": {rng.randint(60, 99)},\n      "otherCandidateLocations": [\n{candidates}\n      ],\n'
                f'      "editConfirmationStatus": "NOT_CONFIRMED",\n      "locationConfidence": {rng.randint(60, 99)},\n'
                f'      "placeVisitType": "SINGLE_PLACE",\n      "placeVisitImportance": "MAIN"\n    }}\n  }}')

    def segment(a, b, start, end):
        kind = rng.choice(ACTIVITIES)
        others = rng.sample([k for k in ACTIVITIES if k != kind], 3)
        probs = sorted((rng.uniform(0, 8) for _ in others), reverse=True)
        activities = ",\n".join([f'        {{\n          "activityType": "{kind}",\n          "probability": {rng.uniform(70, 98):.6f}\n        }}'] +
                                [f'        {{\n          "activityType": "{k}",\n          "probability": {p:.6f}\n        }}' for k, p in zip(others, probs)])
        steps = rng.randint(3, 14)
        waypoints = ",\n".join(f'          {{\n            "latE7": {e7(a["lat"] + (b["lat"] - a["lat"]) * i / steps)},\n'
                               f'            "lngE7": {e7(a["lng"] + (b["lng"] - a["lng"]) * i / steps)}\n          }}' for i in range(steps + 1))
        fixes = rng.randint(2, 6)
        raw = ",\n".join(f'          {{\n            "latE7": {e7(a["lat"] + (b["lat"] - a["lat"]) * i / fixes + rng.uniform(-0.0005, 0.0005))},\n'
                         f'            "lngE7": {e7(a["lng"] + (b["lng"] - a["lng"]) * i / fixes + rng.uniform(-0.0005, 0.0005))},\n'
                         f'            "accuracyMeters": {rng.randint(3, 60)},\n            "timestamp": "{iso_ms(start + (end - start) * i // fixes)}"\n          }}'
                         for i in range(1, fixes))
        distance = int(abs(a["lat"] - b["lat"]) * 111_000 + abs(a["lng"] - b["lng"]) * 69_000)
        return (f'{{\n    "activitySegment": {{\n      "startLocation": {{\n        "latitudeE7": {e7(a["lat"])},\n        "longitudeE7": {e7(a["lng"])},\n'
                f'        "sourceInfo": {{\n          "deviceTag": {device}\n        }}\n      }},\n'
                f'      "endLocation": {{\n        "latitudeE7": {e7(b["lat"])},\n        "longitudeE7": {e7(b["lng"])},\n'
                f'        "sourceInfo": {{\n          "deviceTag": {device}\n        }}\n      }},\n'
                f'      "duration": {{\n        "startTimestamp": "{iso_ms(start)}",\n        "endTimestamp": "{iso_ms(end)}"\n      }},\n'
                f'      "distance": {distance},\n      "activityType": "{kind}",\n      "confidence": "{rng.choice(["HIGH", "MEDIUM", "LOW"])}",\n'
                f'      "activities": [\n{activities}\n      ],\n'
                f'      "waypointPath": {{\n        "waypoints": [\n{waypoints}\n        ],\n        "source": "INFERRED",\n'
                f'        "distanceMeters": {distance * 1.1:.1f},\n        "travelMode": "{"WALK" if kind == "WALKING" else "DRIVE"}",\n'
                f'        "confidence": {rng.uniform(0.5, 1):.6f}\n      }},\n'
                f'      "simplifiedRawPath": {{\n        "points": [\n{raw}\n        ]\n      }},\n'
                f'      "editConfirmationStatus": "NOT_CONFIRMED"\n    }}\n  }}')

    while total < target:
        o = Out(os.path.join(folder, str(year), f"{year}_{months[month]}.json"))
        o.write('{\n  "timelineObjects": [')
        first = True
        t = calendar.timegm((year, month + 1, 1, 0, 0, 0)) * 1000
        end_of_month = calendar.timegm((year + (month == 11), (month + 1) % 12 + 1, 1, 0, 0, 0)) * 1000
        while t < end_of_month - 86_400_000 and total + o.bytes < target:
            day = t // 86_400_000 * 86_400_000
            stops = [work if (day // 86_400_000 + 3) % 7 < 5 and rng.random() < 0.9 else rng.choice(everyday)]  # Monday to Friday
            stops += [rng.choice(everyday) for _ in range(rng.randint(4, 8))]
            stops.append(home)
            t = day + rng.randint(7 * 3600, 9 * 3600) * 1000
            for place in stops:
                if text.hit() and place is not home and place is not work:
                    place = dict(place, name=rng.choice(text.phrases).title(), id=place_id(rng))
                travel = rng.randint(5 * 60, 50 * 60) * 1000
                o.write(("" if first else ", ") + segment(prev, place, t, t + travel))
                first = False
                t += travel
                stay = rng.randint(20 * 60, 4 * 3600) * 1000 if place is not home else day + 86_400_000 + 7 * 3600_000 - t
                o.write(", " + visit(place, t, t + stay))
                t += stay
                prev = place
        o.write("\n  ]\n}\n")
        total += o.close()
        month += 1
        if month == 12:
            year, month = year + 1, 0
    return os.path.dirname(folder), total


def timeline(root, target, rng, text):
    """Google Maps Timeline exported on an Android phone (2024+): one Timeline.json,
    pretty-printed, {"semanticSegments": [...], "rawSignals": [...], "userLocationProfile": {...}}.
    Segments as the phone writes them: a visit (topCandidate with placeId, semanticType and
    placeLocation.latLng as "51.5°, -0.1°"), an activity (start, end, distanceMeters,
    topCandidate.type) and timelinePath segments of two-hour blocks with a point every 20
    to 60 seconds while moving, local times with their offset, 2013 on; then raw
    signals of the last months (position fixes, activityRecord, wifiScan with its access
    points), a fifth of the bytes. The file has no text: nothing to plant, what it yields is
    places (home, work, night activity)."""
    path = os.path.join(root, "Timeline.json")
    o = Out(path)
    places = [(51.5 + rng.uniform(-0.12, 0.12), -0.12 + rng.uniform(-0.2, 0.2), place_id(rng)) for _ in range(300)]
    home, work = places[0], places[1]

    def stamp(t):
        # London: BST from April to October, as the phone writes the local offset.
        offset = 60 if 4 <= time.gmtime(t).tm_mon <= 10 else 0
        return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t + offset * 60)) + f".000+0{offset // 60}:00", offset

    def latlng(lat, lng):
        return f"{lat:.7f}°, {lng:.7f}°"

    o.write('{\n  "semanticSegments": [')
    first, t, prev = True, 1_356_998_400, home  # 2013-01-01

    def segment(start, end, body):
        nonlocal first
        s, offset = stamp(start)
        e, _ = stamp(end)
        o.write(("" if first else ",") + f'\n    {{\n      "startTime": "{s}",\n      "endTime": "{e}",\n'
                f'      "startTimeTimezoneUtcOffsetMinutes": {offset},\n      "endTimeTimezoneUtcOffsetMinutes": {offset},\n{body}\n    }}')
        first = False

    while o.bytes < target * 0.8:
        day = t - t % 86_400
        stops = [work if (day // 86_400 + 3) % 7 < 5 and rng.random() < 0.9 else rng.choice(places)]  # Monday to Friday
        stops += [rng.choice(places) for _ in range(rng.randint(2, 6))] + [home]
        t = day + rng.randint(7 * 3600, 9 * 3600)
        for place in stops:
            travel = rng.randint(5 * 60, 50 * 60)
            kind = rng.choice(["WALKING", "IN_PASSENGER_VEHICLE", "IN_BUS", "IN_SUBWAY", "CYCLING", "IN_TRAIN"])
            segment(t, t + travel, f'      "activity": {{\n        "start": {{\n          "latLng": "{latlng(prev[0], prev[1])}"\n        }},\n'
                    f'        "end": {{\n          "latLng": "{latlng(place[0], place[1])}"\n        }},\n'
                    f'        "distanceMeters": {rng.uniform(300, 20_000):.1f},\n        "probability": {rng.uniform(0.6, 1):.16f},\n'
                    f'        "topCandidate": {{\n          "type": "{kind}",\n          "probability": {rng.uniform(0.5, 1):.16f}\n        }}\n      }}')
            # The path of the trip, a point every 20 to 60 seconds.
            steps = max(2, travel // rng.randint(20, 60))
            points = ",\n".join(f'        {{\n          "point": "{latlng(prev[0] + (place[0] - prev[0]) * i / steps + rng.uniform(-3e-4, 3e-4), prev[1] + (place[1] - prev[1]) * i / steps + rng.uniform(-3e-4, 3e-4))}",\n'
                                f'          "time": "{stamp(t + travel * i // steps)[0]}"\n        }}' for i in range(steps + 1))
            segment(t - t % 7200, t - t % 7200 + 7200, f'      "timelinePath": [\n{points}\n      ]')
            t += travel
            stay = rng.randint(20 * 60, 4 * 3600) if place is not home else day + 86_400 + 7 * 3600 - t
            semantic = "HOME" if place is home else "WORK" if place is work else rng.choice(["UNKNOWN", "UNKNOWN", "SEARCHED_ADDRESS", "ALIASED_LOCATION"])
            segment(t, t + stay, f'      "visit": {{\n        "hierarchyLevel": 0,\n        "probability": {rng.uniform(0.5, 1):.16f},\n'
                    f'        "topCandidate": {{\n          "placeId": "{place[2]}",\n          "semanticType": "{semantic}",\n'
                    f'          "probability": {rng.uniform(0.3, 1):.16f},\n          "placeLocation": {{\n            "latLng": "{latlng(place[0], place[1])}"\n          }}\n        }}\n      }}')
            t += stay
            prev = place
        if rng.random() < 0.01:
            segment(day - 5 * 86_400, day, f'      "timelineMemory": {{\n        "trip": {{\n          "distanceFromOriginKms": {rng.randint(50, 1500)},\n'
                    f'          "destinations": [\n            {{\n              "identifier": {{\n                "placeId": "{place_id(rng)}"\n              }}\n            }}\n          ]\n        }}\n      }}')
    o.write('\n  ],\n  "rawSignals": [')
    first, t = True, t - 120 * 86_400  # raw signals: the last months, overlapping the segments
    while o.bytes < target:
        t += rng.randint(20, 400)
        k = rng.random()
        lat, lng, _ = rng.choice(places[:20])
        if k < 0.6:
            body = (f'      "position": {{\n        "LatLng": "{latlng(lat + rng.uniform(-2e-4, 2e-4), lng + rng.uniform(-2e-4, 2e-4))}",\n'
                    f'        "accuracyMeters": {rng.randint(3, 80)},\n        "altitudeMeters": {rng.uniform(5, 80):.1f},\n'
                    f'        "source": "{rng.choice(["WIFI", "GPS", "CELL"])}",\n        "timestamp": "{stamp(t)[0]}",\n'
                    f'        "speedMetersPerSecond": {rng.uniform(0, 3):.1f}\n      }}')
        elif k < 0.85:
            body = (f'      "activityRecord": {{\n        "probableActivities": [\n          {{\n            "type": "STILL",\n            "confidence": {rng.uniform(0.4, 1):.2f}\n          }},\n'
                    f'          {{\n            "type": "ON_FOOT",\n            "confidence": {rng.uniform(0, 0.3):.2f}\n          }}\n        ],\n'
                    f'        "timestamp": "{stamp(t)[0]}"\n      }}')
        else:
            aps = ",\n".join(f'          {{\n            "mac": {rng.getrandbits(47)},\n            "rawRssi": {rng.randint(-95, -40)}\n          }}' for _ in range(rng.randint(3, 15)))
            body = f'      "wifiScan": {{\n        "deliveryTime": "{stamp(t)[0]}",\n        "devicesRecords": [\n{aps}\n        ]\n      }}'
        o.write(("" if first else ",") + f"\n    {{\n{body}\n    }}")
        first = False
    o.write(f'\n  ],\n  "userLocationProfile": {{\n    "frequentPlaces": [\n      {{\n        "placeId": "{home[2]}",\n'
            f'        "placeLocation": "{latlng(home[0], home[1])}",\n        "label": "HOME"\n      }},\n'
            f'      {{\n        "placeId": "{work[2]}",\n        "placeLocation": "{latlng(work[0], work[1])}",\n        "label": "WORK"\n      }}\n    ],\n'
            '    "persona": {\n      "travelModeAffinities": [\n        {\n          "mode": "WALKING",\n          "affinity": 0.5\n        }\n      ]\n    }\n  }\n}\n')
    return path, o.close()


def my_activity_html(root, target, rng, text):
    """Google Takeout My Activity in HTML (Takeout's default format): Takeout/My Activity/
    Search/MyActivity.html (searches and visited results, three fifths of the bytes) and
    Takeout/YouTube and YouTube Music/history/watch-history.html and search-history.html.
    Each file is Takeout's page: the inline Material Design Lite stylesheet, then one
    `outer-cell` block per record, newest first, all on one line as Takeout writes them; the
    body cell has the title line with its link, the channel for a watch, then the time in the
    account's locale (en-US, a U+202F before AM/PM, London zone); the caption has products,
    locations and "Why is this here?"."""
    folder = os.path.join(root, "Takeout")
    style = ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\"><title>My Activity History</title>"
             "<style type=\"text/css\">/**\n * material-design-lite - Material Design Components in CSS, JS and HTML\n"
             " * @version v1.3.0\n * @license Apache-2.0\n * @copyright 2015 Google, Inc.\n * @link https://github.com/google/material-design-lite\n */\n"
             + "".join(f".mdl-cell--{n}-col,.mdl-cell--{n}-col-desktop.mdl-cell--{n}-col-desktop{{width:calc({n * 100 / 12:.7f}% - 16px)}}"
                       f".mdl-cell--order-{n},.mdl-cell--order-{n}-desktop.mdl-cell--order-{n}-desktop{{-webkit-order:{n};-ms-flex-order:{n};order:{n}}}\n"
                       for n in range(1, 13)) * 12
             + ".mdl-typography--title{font-family:\"Roboto\",\"Helvetica\",\"Arial\",sans-serif;font-size:20px;font-weight:500;line-height:1;letter-spacing:.02em}"
             ".mdl-typography--caption{font-size:12px;font-weight:400;line-height:1;letter-spacing:0}.header-cell.mdl-cell{border-bottom-style:solid}\n"
             "</style></head><body><div class=\"mdl-grid\">")
    why = ("<b>Why is this here?</b><br>&emsp;This activity was saved to your Google Account because the following settings were on:&nbsp;"
           "{setting}. You can control these settings &nbsp;<a href=\"https://myaccount.google.com/activitycontrols\">here</a>.")
    channels = [(f"{a} - Topic" if i % 3 == 0 else a, "UC" + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") for _ in range(22)))
                for i, a in enumerate(ARTISTS + ["BBC News", "Tasty", "Kurzgesagt", "Mark Rober", "The Athletic FC", "Gordon Ramsay", "Veritasium"])]

    def stamp(t):
        zone, offset = ("BST", 3600) if 4 <= time.gmtime(t).tm_mon <= 10 else ("GMT", 0)
        g = time.gmtime(t + offset)
        return f"{time.strftime('%b', g)} {g.tm_mday}, {g.tm_year}, {(g.tm_hour + 11) % 12 + 1}:{g.tm_min:02d}:{g.tm_sec:02d}\u202f{'AM' if g.tm_hour < 12 else 'PM'} {zone}"

    def block(header, body, caption):
        return (f'<div class="outer-cell mdl-cell mdl-cell--12-col mdl-shadow--2dp"><div class="mdl-grid"><div class="header-cell mdl-cell mdl-cell--12-col">'
                f'<p class="mdl-typography--title">{header}<br></p></div><div class="content-cell mdl-cell mdl-cell--6-col mdl-typography--body-1">{body}</div>'
                f'<div class="content-cell mdl-cell mdl-cell--6-col mdl-typography--body-1 mdl-typography--text-right"></div>'
                f'<div class="content-cell mdl-cell mdl-cell--12-col mdl-typography--caption">{caption}</div></div></div>')

    def search_record(t):
        if rng.random() < 0.7:
            q = text.search()
            body = f'Searched for&nbsp;<a href="https://www.google.com/search?q={html_quote(q)}">{html_text(q)}</a><br>{stamp(t)}<br>'
        else:
            host = rng.choice(HOSTS)
            title = rng.choice(TITLES) if not text.hit() else rng.choice(text.phrases).title() + " - Wikipedia"
            body = (f'Visited&nbsp;<a href="https://www.google.com/url?q=https://{host}/{rng.choice(WORDS)}-{rng.getrandbits(24):x}&amp;usg=AOvVaw{rng.getrandbits(60):x}">'
                    f'{html_text(title)}</a><br>{stamp(t)}<br>')
        caption = "<b>Products:</b><br>&emsp;Search<br>"
        if rng.random() < 0.5:
            caption += (f'<b>Locations:</b><br>&emsp;At <a href="https://www.google.com/maps/@?api=1&amp;map_action=map&amp;center={51.5 + rng.uniform(-0.1, 0.1):.6f},{rng.uniform(-0.3, 0.1):.6f}&amp;zoom=12">'
                        f'this general area</a> - From your places (Home)<br>')
        return block("Search", body, caption + why.format(setting="Web &amp; App Activity"))

    def watch_record(t):
        channel, channel_id = rng.choice(channels)
        title = text.message() if rng.random() < 0.5 else f"{rng.choice(TITLES)} | {rng.choice(WORDS).title()} {rng.choice(WORDS)} #{rng.randint(1, 500)}"
        video = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") for _ in range(11))
        body = (f'Watched&nbsp;<a href="https://www.youtube.com/watch?v={video}">{html_text(title)}</a><br>'
                f'<a href="https://www.youtube.com/channel/{channel_id}">{html_text(channel)}</a><br>{stamp(t)}<br>')
        return block("YouTube", body, "<b>Products:</b><br>&emsp;YouTube<br>" + why.format(setting="YouTube watch history"))

    def yt_search_record(t):
        q = text.search()
        body = f'Searched for&nbsp;<a href="https://www.youtube.com/results?search_query={html_quote(q)}">{html_text(q)}</a><br>{stamp(t)}<br>'
        return block("YouTube", body, "<b>Products:</b><br>&emsp;YouTube<br>" + why.format(setting="YouTube search history"))

    total = 0
    for relative, share, record in ((os.path.join("My Activity", "Search", "MyActivity.html"), 0.6, search_record),
                                    (os.path.join("YouTube and YouTube Music", "history", "watch-history.html"), 0.35, watch_record),
                                    (os.path.join("YouTube and YouTube Music", "history", "search-history.html"), 0.05, yt_search_record)):
        o = Out(os.path.join(folder, relative))
        o.write(style)
        t = 1_733_000_000  # newest first, as Takeout writes them
        while o.bytes < target * share:
            t -= rng.randint(30, 4000)
            o.write(record(t))
        o.write("</div></body></html>")
        total += o.close()
    return folder, total


def html_text(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#39;")


def html_quote(s):
    return urllib.parse.quote_plus(s).replace("&", "&amp;")


FRIENDS = ["Alex Morgan", "Priya Shah", "Jonas Müller", "Chloé Martin", "Mateo García", "Olga Ivanova", "Tom Baker",
           "Aisha Khan", "Liam O'Brien", "Sofia Rossi", "Dad", "Mum"]


def facebook(root, target, rng, text):
    """Facebook "Download your information" in JSON (2024 layout), without Messenger (the
    messenger format): your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_N.json
    (top-level arrays of {timestamp, attachments, data: [{post}, {update_timestamp}], title}),
    comments_and_reactions/comments.json ({"comments_v2": [...]}) and likes_and_reactions_N.json,
    and logged_information/search/your_search_history.json ({"searches_v2": [...]}), pretty-
    printed with two spaces and Meta's escaping of non-ASCII bytes, as the exporter writes them.
    Reactions are most of the records, posts most of the bytes; the numbered files split at
    about 20 MB."""
    top = os.path.join(root, "facebook-samtaylor-2024-03-01-Ab3dEf")
    base = os.path.join(top, "your_facebook_activity")
    me = "Sam Taylor"
    total = 0

    def gap(share, record_bytes):
        """Seconds to the next older record, so that a list spans about ten years at any MB."""
        mean = 10 * 365 * 86_400 * record_bytes / (target * share)
        return rng.randint(1, max(2, int(2 * mean)))

    def numbered(folder, stem, share, record, record_bytes):
        nonlocal total
        part, written = 1, 0
        t = 1_709_280_000  # newest first
        while written < target * share:
            o = Out(os.path.join(base, folder, f"{stem}_{part}.json"))
            o.write("[")
            first = True
            while o.bytes < 20_000_000 and written + o.bytes < target * share:
                t -= gap(share, record_bytes)
                o.write(("" if first else ",") + "\n  " + record(t))
                first = False
            o.write("\n]")
            written += o.close()
            part += 1
        total += written

    def keyed(relative, key, share, record, record_bytes):
        nonlocal total
        o = Out(os.path.join(top, relative))
        o.write(f'{{\n  "{key}": [')
        first, t = True, 1_709_280_000
        while o.bytes < target * share:
            t -= gap(share, record_bytes)
            o.write(("" if first else ",") + "\n    " + record(t))
            first = False
        o.write("\n  ]\n}")
        total += o.close()

    def post(t):
        k = rng.random()
        if k < 0.6:
            body = " ".join(text.message() for _ in range(rng.randint(1, 4)))
            return (f'{{\n    "timestamp": {t},\n    "data": [\n      {{\n        "post": "{meta_escape(body)}"\n      }},\n'
                    f'      {{\n        "update_timestamp": {t + rng.randint(0, 600)}\n      }}\n    ],\n    "title": "{me} updated his status."\n  }}')
        if k < 0.85:
            host = rng.choice(HOSTS)
            return (f'{{\n    "timestamp": {t},\n    "attachments": [\n      {{\n        "data": [\n          {{\n            "external_context": {{\n'
                    f'              "url": "https://{host}/{rng.choice(WORDS)}/{rng.choice(WORDS)}-{rng.getrandbits(32):x}"\n            }}\n          }}\n        ]\n      }}\n    ],\n'
                    f'    "data": [\n      {{\n        "post": "{meta_escape(text.message())}"\n      }}\n    ],\n    "title": "{me} shared a link."\n  }}')
        friend = rng.choice(FRIENDS)
        return (f'{{\n    "timestamp": {t},\n    "attachments": [\n      {{\n        "data": [\n          {{\n            "media": {{\n'
                f'              "uri": "your_facebook_activity/posts/media/TimelinePhotos_{rng.getrandbits(40):x}/{rng.getrandbits(60)}_n.jpg",\n'
                f'              "creation_timestamp": {t},\n              "media_metadata": {{\n                "photo_metadata": {{\n'
                f'                  "exif_data": [\n                    {{\n                      "upload_ip": "81.2.{rng.randint(0, 255)}.{rng.randint(1, 254)}",\n'
                f'                      "taken_timestamp": {t - rng.randint(0, 86_400)}\n                    }}\n                  ]\n                }}\n              }},\n'
                f'              "title": "Timeline photos",\n              "description": "{meta_escape(text.message())}"\n            }}\n          }}\n        ]\n      }}\n    ],\n'
                f'    "data": [\n      {{\n        "post": "{meta_escape(text.message())}"\n      }}\n    ],\n    "tags": [\n      {{\n        "name": "{meta_escape(friend)}"\n      }}\n    ],\n'
                f'    "title": "{me} added a new photo."\n  }}')

    def reaction(t):
        friend = meta_escape(rng.choice(FRIENDS))
        kind = rng.choice(["LIKE", "LIKE", "LIKE", "LOVE", "HAHA", "WOW", "CARE", "SORRY"])
        what = rng.choice(["post", "photo", "comment", "video", "link"])
        return (f'{{\n    "timestamp": {t},\n    "data": [\n      {{\n        "reaction": {{\n          "reaction": "{kind}",\n'
                f'          "actor": "{me}"\n        }}\n      }}\n    ],\n    "title": "{me} {"liked" if kind == "LIKE" else "reacted to"} {friend}\'s {what}."\n  }}')

    def comment(t):
        friend = meta_escape(rng.choice(FRIENDS))
        group = f',\n            "group": "{meta_escape(rng.choice(["Running club", "Hackney Parents", "Buy Nothing E8"]))}"' if rng.random() < 0.2 else ""
        return (f'{{\n      "timestamp": {t},\n      "data": [\n        {{\n          "comment": {{\n            "timestamp": {t},\n'
                f'            "comment": "{meta_escape(text.message())}",\n            "author": "{me}"{group}\n          }}\n        }}\n      ],\n'
                f'      "title": "{me} commented on {friend}\'s post."\n    }}')

    def search(t):
        q = meta_escape(text.search())
        return (f'{{\n      "timestamp": {t},\n      "attachments": [\n        {{\n          "data": [\n            {{\n              "text": "{q}"\n            }}\n          ]\n        }}\n      ],\n'
                f'      "data": [\n        {{\n          "text": "{q}"\n        }}\n      ],\n      "title": "{me} searched on Facebook"\n    }}')

    numbered("posts", "your_posts__check_ins__photos_and_videos", 0.4, post, 700)
    numbered("comments_and_reactions", "likes_and_reactions", 0.3, reaction, 260)
    keyed(os.path.join("your_facebook_activity", "comments_and_reactions", "comments.json"), "comments_v2", 0.2, comment, 330)
    keyed(os.path.join("logged_information", "search", "your_search_history.json"), "searches_v2", 0.1, search, 330)
    return top, total


def instagram(root, target, rng, text):
    """Instagram "Download your information" in JSON (2024 layout): your_instagram_activity/
    messages/inbox/<user>_<id>/message_N.json (participants, then at most 10,000 messages a
    file, newest first, sender_name, timestamp_ms, content, in Meta's escaping), four fifths of
    the bytes; and your_instagram_activity/comments/post_comments_1.json (a top-level array of
    string_map_data with the labels "Comment", "Media Owner", "Time") and reels_comments.json
    ({"comments_reels_comments": [...]})."""
    base = os.path.join(root, "instagram-samtaylor-2024-03-01-Xy9zQw", "your_instagram_activity")
    me, users = "samtaylor", ["alex.morgan", "priya_s", "jonas.mueller", "chloe.mrtn", "mateo_g", "olga.iv", "tombaker88"]
    total, thread = 0, 0
    while total < target * 0.8:
        user = users[thread % len(users)] + ("" if thread < len(users) else str(thread))
        slug = "".join(c for c in user if c.isalnum())
        folder = os.path.join(base, "messages", "inbox", f"{slug}_{17_800_000_000_000_000 + thread * 7919}")
        for n in range(1, 3):
            o = Out(os.path.join(folder, f"message_{n}.json"))
            o.write(f'{{\n  "participants": [\n    {{\n      "name": "{user}"\n    }},\n    {{\n      "name": "{me}"\n    }}\n  ],\n  "messages": [')
            t = 1_709_280_000_000 - n * 10 ** 10
            for i in range(10_000):
                if total + o.bytes >= target * 0.8:
                    break
                t -= rng.randint(20_000, 3_000_000)
                sender = me if rng.random() < 0.5 else user
                k = rng.random()
                if k < 0.08:
                    body = (f'"share": {{\n        "link": "https://www.instagram.com/reel/{rng.getrandbits(60):x}/",\n'
                            f'        "share_text": "{meta_escape(text.message())}",\n        "original_content_owner": "{rng.choice(users)}"\n      }}')
                elif k < 0.12:
                    body = f'"photos": [\n        {{\n          "uri": "your_instagram_activity/messages/inbox/{slug}/photos/{rng.getrandbits(60)}.jpg",\n          "creation_timestamp": {t // 1000}\n        }}\n      ]'
                else:
                    body = f'"content": "{meta_escape(text.message())}"'
                extra = ""
                if rng.random() < 0.1:
                    extra = f',\n      "reactions": [\n        {{\n          "reaction": "\\u00e2\\u009d\\u00a4",\n          "actor": "{me}"\n        }}\n      ]'
                o.write(("" if i == 0 else ",") + f'\n    {{\n      "sender_name": "{sender}",\n      "timestamp_ms": {t},\n'
                        f'      {body}{extra},\n      "is_geoblocked_for_viewer": false,\n      "is_unsent_image_by_messenger_kid_parent": false\n    }}')
            o.write(f'\n  ],\n  "title": "{user}",\n  "is_still_participant": true,\n  "thread_path": "inbox/{slug}_{17_800_000_000_000_000 + thread * 7919}",\n'
                    '  "magic_words": [],\n  "joinable_mode": {\n    "mode": 1,\n    "link": ""\n  }\n}\n')
            total += o.close()
            if total >= target * 0.8:
                break
        thread += 1

    def comment_record(t, indent):
        pad = " " * indent
        return (f'{{\n{pad}  "media_list_data": [\n{pad}    {{\n{pad}      "uri": ""\n{pad}    }}\n{pad}  ],\n{pad}  "string_map_data": {{\n'
                f'{pad}    "Comment": {{\n{pad}      "value": "{meta_escape(text.message())}"\n{pad}    }},\n'
                f'{pad}    "Media Owner": {{\n{pad}      "value": "{rng.choice(users)}"\n{pad}    }},\n'
                f'{pad}    "Time": {{\n{pad}      "timestamp": {t}\n{pad}    }}\n{pad}  }}\n{pad}}}')

    for name, share in (("post_comments_1.json", 0.15), ("reels_comments.json", 0.05)):
        o = Out(os.path.join(base, "comments", name))
        reels = name.startswith("reels")
        o.write('{\n  "comments_reels_comments": [' if reels else "[")
        first, t = True, 1_709_280_000
        while o.bytes < target * share:
            t -= rng.randint(1, max(2, int(2 * 5 * 365 * 86_400 * 480 / (target * share))))  # five years at any MB
            o.write(("" if first else ",") + ("\n    " if reels else "\n  ") + comment_record(t, 4 if reels else 2))
            first = False
        o.write("\n  ]\n}" if reels else "\n]")
        total += o.close()
    return os.path.dirname(base), total


def whatsapp_msgstore(root, target, rng, text):
    """WhatsApp for Android's msgstore.db, decrypted (schema of 2022+ versions): jid (one row per
    contact or group, raw_string "447700900123@s.whatsapp.net" / "…@g.us"), chat (jid_row_id,
    subject for groups), message (chat_row_id, from_me, key_id, sender_jid_row_id in groups,
    timestamp in ms, message_type 0 text, 1 image with an optional caption, 7 system,
    text_data) and message_media for the media rows, with the indexes WhatsApp creates. Tables
    first, so the schema sits in the first pages, where the importer looks for it."""
    path = os.path.join(root, "whatsapp-android", "msgstore.db")
    db = fresh_sqlite(path, [
        "CREATE TABLE jid (_id INTEGER PRIMARY KEY AUTOINCREMENT, user TEXT NOT NULL, server TEXT NOT NULL, agent INTEGER, device INTEGER, type INTEGER, raw_string TEXT)",
        "CREATE TABLE chat (_id INTEGER PRIMARY KEY AUTOINCREMENT, jid_row_id INTEGER UNIQUE, hidden INTEGER, subject TEXT, created_timestamp INTEGER, display_message_row_id INTEGER, last_message_row_id INTEGER, last_read_message_row_id INTEGER, last_read_receipt_sent_message_row_id INTEGER, last_important_message_row_id INTEGER, archived INTEGER, sort_timestamp INTEGER, mod_tag INTEGER, gen REAL, spam_detection INTEGER, unseen_earliest_message_received_time INTEGER, unseen_message_count INTEGER, unseen_missed_calls_count INTEGER, unseen_row_count INTEGER, plaintext_disabled INTEGER, vcard_ui_dismissed INTEGER, change_number_notified_message_row_id INTEGER, show_group_description INTEGER, ephemeral_expiration INTEGER, last_read_ephemeral_message_row_id INTEGER, ephemeral_setting_timestamp INTEGER, unseen_important_message_count INTEGER, group_type INTEGER)",
        "CREATE TABLE message (_id INTEGER PRIMARY KEY AUTOINCREMENT, chat_row_id INTEGER NOT NULL, from_me INTEGER NOT NULL, key_id TEXT NOT NULL, sender_jid_row_id INTEGER, status INTEGER, broadcast INTEGER, recipient_count INTEGER, participant_hash TEXT, origination_flags INTEGER, origin INTEGER, timestamp INTEGER, received_timestamp INTEGER, receipt_server_timestamp INTEGER, message_type INTEGER, text_data TEXT, starred INTEGER, lookup_tables INTEGER, message_add_on_flags INTEGER, sort_id INTEGER NOT NULL DEFAULT 0)",
        "CREATE TABLE message_media (message_row_id INTEGER PRIMARY KEY, chat_row_id INTEGER, autotransfer_retry_enabled INTEGER, multicast_id TEXT, media_job_uuid TEXT, transferred INTEGER, transcoded INTEGER, file_path TEXT, file_size INTEGER, suspicious_content INTEGER, trim_from INTEGER, trim_to INTEGER, face_x INTEGER, face_y INTEGER, media_key BLOB, media_key_timestamp INTEGER, width INTEGER, height INTEGER, has_streaming_sidecar INTEGER, gif_attribution INTEGER, thumbnail_height_width_ratio REAL, direct_path TEXT, first_scan_sidecar BLOB, first_scan_length INTEGER, message_url TEXT, mime_type TEXT, file_length INTEGER, media_name TEXT, file_hash TEXT, media_duration INTEGER, page_count INTEGER, enc_file_hash TEXT, partial_media_hash TEXT, partial_media_enc_hash TEXT, is_animated_sticker INTEGER, original_file_hash TEXT, mute_video INTEGER, media_caption TEXT)",
        "CREATE TABLE props (_id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT UNIQUE, value TEXT)",
        "CREATE INDEX message_sort_id_index ON message (chat_row_id, sort_id)",
        "CREATE INDEX message_key_index ON message (chat_row_id, from_me, key_id, sender_jid_row_id)",
        "CREATE INDEX message_starred_index ON message (starred)",
        "CREATE INDEX message_media_chat_index ON message_media (chat_row_id, message_row_id)",
        "INSERT INTO props (key, value) VALUES ('fts_ready', '5'), ('migration_message_main_index', '0')",
    ])
    contacts = [f"4477009{rng.randint(10_000, 99_999)}" for _ in range(60)]
    jids = [(i + 1, c, "s.whatsapp.net", 0, 0, 0, f"{c}@s.whatsapp.net") for i, c in enumerate(contacts)]
    groups = ["Family", "Running club", "Hackney Parents", "Uni mates", "Office", "Book club", "Five-a-side"]
    jids += [(len(contacts) + i + 1, f"12036302{rng.randint(10 ** 9, 10 ** 10 - 1)}", "g.us", 0, 0, 1,
              f"12036302{rng.randint(10 ** 9, 10 ** 10 - 1)}@g.us") for i in range(len(groups))]
    db.executemany("INSERT INTO jid VALUES (?,?,?,?,?,?,?)", jids)
    chats = [(i + 1, j[0], None if j[2] == "s.whatsapp.net" else groups[j[0] - len(contacts) - 1], 1_420_070_400_000) for i, j in enumerate(jids)]
    db.executemany("INSERT INTO chat (_id, jid_row_id, subject, created_timestamp, hidden, archived) VALUES (?,?,?,?,0,0)", chats)
    row, t, size = 0, 1_420_070_400_000, 0
    while size < target:
        messages, media = [], []
        for _ in range(5_000):
            row += 1
            t += rng.randint(1_000, 400_000)
            chat = rng.choice(chats[:12] + chats[len(contacts):])  # most traffic in a few chats and the groups
            group = chat[2] is not None
            from_me = 1 if rng.random() < 0.45 else 0
            sender = None if from_me or not group else rng.randint(1, len(contacts))
            k = rng.random()
            kind, body = (0, text.message()) if k < 0.9 else (1, text.message() if rng.random() < 0.3 else None) if k < 0.985 else (7, None)
            key = "".join(rng.choice("0123456789ABCDEF") for _ in range(32 if from_me else 20))
            messages.append((row, chat[0], from_me, key, sender, 13 if from_me else 0, 0, 0, None, 0, 0, t, t + rng.randint(100, 5000),
                             t + 300, kind, body, 0, 0, 0, row))
            if kind == 1:
                media.append((row, chat[0], f"Media/WhatsApp Images/IMG-{local(t // 1000, '%Y%m%d')}-WA{row % 10000:04d}.jpg",
                              rng.randint(50_000, 400_000), "image/jpeg", bytes(rng.getrandbits(8) for _ in range(32)), body))
        db.executemany("INSERT INTO message VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", messages)
        db.executemany("INSERT INTO message_media (message_row_id, chat_row_id, file_path, file_size, mime_type, media_key, media_caption) VALUES (?,?,?,?,?,?,?)", media)
        db.commit()
        size = os.path.getsize(path)
    db.close()
    return path, os.path.getsize(path)


def typedstream(s):
    """An NSAttributedString archived with NSArchiver, as Messages keeps `attributedBody`: the
    header, the NSString with its length (one byte, or 0x81 and two bytes little-endian), then
    the attribute dictionary of one message part."""
    b = s.encode("utf-8")
    length = bytes([len(b)]) if len(b) < 0x80 else b"\x81" + struct.pack("<H", len(b))
    return (b"\x04\x0bstreamtyped\x81\xe8\x03\x84\x01@\x84\x84\x84\x12NSAttributedString\x00\x84\x84\x08NSObject\x00\x85\x92"
            b"\x84\x84\x84\x08NSString\x01\x94\x84\x01+" + length + b +
            b"\x86\x84\x02iI\x01" + bytes([min(len(s), 127)]) + b"\x92\x84\x84\x84\x0cNSDictionary\x00\x94\x84\x01i\x01\x92\x84\x96\x96"
            b"\x1d__kIMMessagePartAttributeName\x86\x92\x84\x84\x84\x08NSNumber\x00\x84\x84\x07NSValue\x00\x94\x84\x01*\x84\x99\x99\x00\x86\x86\x86")


def imessage(root, target, rng, text):
    """The Messages database of a Mac, ~/Library/Messages/chat.db (macOS 14 schema, the message
    table with most of its columns): handle (phone numbers and e-mail addresses), chat
    (chat_identifier, display_name for groups), chat_handle_join, chat_message_join, and
    message with date in nanoseconds since 2001, is_from_me, service iMessage or SMS, text and
    attributedBody (a typedstream; a third of messages, as since macOS 13, only there),
    tapbacks (associated_message_type 2000–2005) and attachments marked as Messages writes them."""
    path = os.path.join(root, "Messages", "chat.db")
    db = fresh_sqlite(path, [
        "CREATE TABLE _SqliteDatabaseProperties (key TEXT, value TEXT, UNIQUE(key))",
        "CREATE TABLE handle (ROWID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE, id TEXT NOT NULL, country TEXT, service TEXT NOT NULL, uncanonicalized_id TEXT, person_centric_id TEXT, UNIQUE (id, service))",
        "CREATE TABLE chat (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, style INTEGER, state INTEGER, account_id TEXT, properties BLOB, chat_identifier TEXT, service_name TEXT, room_name TEXT, account_login TEXT, is_archived INTEGER DEFAULT 0, last_addressed_handle TEXT, display_name TEXT, group_id TEXT, is_filtered INTEGER DEFAULT 0, successful_query INTEGER, engram_id TEXT, server_change_token TEXT, ck_sync_state INTEGER DEFAULT 0, original_group_id TEXT, last_read_message_timestamp INTEGER DEFAULT 0, cloudkit_record_id TEXT, last_addressed_sim_id TEXT, is_blackholed INTEGER DEFAULT 0, syndication_date INTEGER DEFAULT 0, syndication_type INTEGER DEFAULT 0, is_recovered INTEGER DEFAULT 0, is_deleting_incoming_messages INTEGER DEFAULT 0)",
        "CREATE TABLE message (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, text TEXT, replace INTEGER DEFAULT 0, service_center TEXT, handle_id INTEGER DEFAULT 0, subject TEXT, country TEXT, attributedBody BLOB, version INTEGER DEFAULT 0, type INTEGER DEFAULT 0, service TEXT, account TEXT, account_guid TEXT, error INTEGER DEFAULT 0, date INTEGER, date_read INTEGER, date_delivered INTEGER, is_delivered INTEGER DEFAULT 0, is_finished INTEGER DEFAULT 0, is_emote INTEGER DEFAULT 0, is_from_me INTEGER DEFAULT 0, is_empty INTEGER DEFAULT 0, is_delayed INTEGER DEFAULT 0, is_auto_reply INTEGER DEFAULT 0, is_prepared INTEGER DEFAULT 0, is_read INTEGER DEFAULT 0, is_system_message INTEGER DEFAULT 0, is_sent INTEGER DEFAULT 0, has_dd_results INTEGER DEFAULT 0, is_service_message INTEGER DEFAULT 0, is_forward INTEGER DEFAULT 0, was_downgraded INTEGER DEFAULT 0, is_archive INTEGER DEFAULT 0, cache_has_attachments INTEGER DEFAULT 0, cache_roomnames TEXT, was_data_detected INTEGER DEFAULT 0, was_deduplicated INTEGER DEFAULT 0, is_audio_message INTEGER DEFAULT 0, is_played INTEGER DEFAULT 0, date_played INTEGER, item_type INTEGER DEFAULT 0, other_handle INTEGER DEFAULT 0, group_title TEXT, group_action_type INTEGER DEFAULT 0, share_status INTEGER DEFAULT 0, share_direction INTEGER DEFAULT 0, is_expirable INTEGER DEFAULT 0, expire_state INTEGER DEFAULT 0, message_action_type INTEGER DEFAULT 0, message_source INTEGER DEFAULT 0, associated_message_guid TEXT, associated_message_type INTEGER DEFAULT 0, balloon_bundle_id TEXT, payload_data BLOB, expressive_send_style_id TEXT, associated_message_range_location INTEGER DEFAULT 0, associated_message_range_length INTEGER DEFAULT 0, time_expressive_send_played INTEGER, message_summary_info BLOB, ck_sync_state INTEGER DEFAULT 0, ck_record_id TEXT, ck_record_change_tag TEXT, destination_caller_id TEXT, is_corrupt INTEGER DEFAULT 0, reply_to_guid TEXT, sort_id INTEGER, is_spam INTEGER DEFAULT 0, has_unseen_mention INTEGER DEFAULT 0, thread_originator_guid TEXT, thread_originator_part TEXT, syndication_ranges TEXT, synced_syndication_ranges TEXT, was_delivered_quietly INTEGER DEFAULT 0, did_notify_recipient INTEGER DEFAULT 0, date_retracted INTEGER DEFAULT 0, date_edited INTEGER DEFAULT 0, was_detonated INTEGER DEFAULT 0, part_count INTEGER, is_stewie INTEGER DEFAULT 0, is_kt_verified INTEGER DEFAULT 0, is_sos INTEGER DEFAULT 0, is_critical INTEGER DEFAULT 0, bia_reference_id TEXT DEFAULT NULL, fallback_hash TEXT DEFAULT NULL)",
        "CREATE TABLE chat_handle_join (chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE, handle_id INTEGER REFERENCES handle (ROWID) ON DELETE CASCADE, UNIQUE(chat_id, handle_id))",
        "CREATE TABLE chat_message_join (chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE, message_id INTEGER REFERENCES message (ROWID) ON DELETE CASCADE, message_date INTEGER DEFAULT 0, PRIMARY KEY (chat_id, message_id))",
        "CREATE TABLE attachment (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, created_date INTEGER DEFAULT 0, filename TEXT, uti TEXT, mime_type TEXT, transfer_state INTEGER DEFAULT 0, is_outgoing INTEGER DEFAULT 0, total_bytes INTEGER DEFAULT 0)",
        "CREATE TABLE message_attachment_join (message_id INTEGER REFERENCES message (ROWID) ON DELETE CASCADE, attachment_id INTEGER REFERENCES attachment (ROWID) ON DELETE CASCADE, UNIQUE(message_id, attachment_id))",
        "CREATE INDEX message_idx_handle ON message(handle_id, date)",
        "CREATE INDEX chat_message_join_idx_message_id_only ON chat_message_join(message_id)",
        "CREATE INDEX chat_message_join_idx_message_date_id_chat_id ON chat_message_join(chat_id, message_date, message_id)",
        "INSERT INTO _SqliteDatabaseProperties VALUES ('_ClientVersion', '18001'), ('counter_in_all', '0')",
    ])
    handles = [f"+4477009{rng.randint(10_000, 99_999)}" for _ in range(50)] + [f"{n.split()[0].lower()}@icloud.com" for n in FRIENDS[:8]]
    sms = ["@" not in h and i % 3 == 0 for i, h in enumerate(handles)]
    db.executemany("INSERT INTO handle (ROWID, id, country, service, uncanonicalized_id, person_centric_id) VALUES (?,?,'gb',?,?,NULL)",
                   [(i + 1, h, "SMS" if sms[i] else "iMessage", h.replace("+44", "0") if "@" not in h else None) for i, h in enumerate(handles)])
    chats = []
    for i, h in enumerate(handles):
        chats.append((i + 1, f"iMessage;-;{h}", 45, h, "iMessage", None, [i + 1]))
    for j, name in enumerate(["Family", "Running club", "Uni mates"]):
        chats.append((len(handles) + j + 1, f"iMessage;+;chat{rng.getrandbits(60)}", 43, f"chat{rng.getrandbits(60)}", "iMessage", name,
                      rng.sample(range(1, len(handles) + 1), 5)))
    db.executemany("INSERT INTO chat (ROWID, guid, style, state, chat_identifier, service_name, display_name) VALUES (?,?,?,3,?,?,?)",
                   [c[:6] for c in chats])
    db.executemany("INSERT INTO chat_handle_join VALUES (?,?)", [(c[0], h) for c in chats for h in c[6]])
    busy = chats[:10] + chats[len(handles):]
    row, attachment, t, size = 0, 0, (1_450_000_000 - 978_307_200) * 10 ** 9, 0
    guids = []
    while size < target:
        messages, joins, attachments, attachment_joins = [], [], [], []
        for _ in range(5_000):
            row += 1
            t += rng.randint(2, 1200) * 10 ** 9 + rng.randint(0, 10 ** 9)
            chat = rng.choice(busy)
            from_me = 1 if rng.random() < 0.45 else 0
            handle = 0 if from_me and len(chat[6]) == 1 and rng.random() < 0.5 else rng.choice(chat[6])
            guid = f"{rng.getrandbits(32):08X}-{rng.getrandbits(16):04X}-{rng.getrandbits(16):04X}-{rng.getrandbits(16):04X}-{rng.getrandbits(48):012X}"
            guids.append(guid)
            guids = guids[-50:]
            body, associated, associated_guid, item_type, has_attachment = text.message(), 0, None, 0, 0
            k = rng.random()
            if k < 0.03:
                associated = rng.randint(2000, 2005)
                associated_guid = f"p:0/{rng.choice(guids)}"
                body = f"Loved “{text.message()[:40]}”"
            elif k < 0.035:
                item_type, body = 2, None
            elif k < 0.08:
                has_attachment, body = 1, "\ufffc" if rng.random() < 0.7 else "\ufffc" + text.message()
            # One-to-one chats with a phone number that has no iMessage go over SMS.
            service = "SMS" if chat[2] == 45 and sms[chat[6][0] - 1] else "iMessage"
            plain = None if body is None or rng.random() < 0.33 else body
            messages.append((row, guid, plain, handle, typedstream(body) if body else None, 10, service, "E:sam.taylor@icloud.com" if service == "iMessage" else "P:+447700900000",
                             t, t + rng.randint(1, 600) * 10 ** 9 if not from_me else 0, t + 10 ** 9, 1, 1, from_me, 1 if not from_me else 0, 1 if from_me else 0,
                             has_attachment, item_type, associated_guid, associated, row, 1))
            joins.append((chat[0], row, t))
            if has_attachment:
                attachment += 1
                attachments.append((attachment, f"at_0_{guid}", t // 10 ** 9, f"~/Library/Messages/Attachments/{attachment % 256:02x}/{attachment % 16:02d}/{guid}/IMG_{attachment:04d}.HEIC",
                                    "public.heic", "image/heic", 5, from_me, rng.randint(400_000, 3_000_000)))
                attachment_joins.append((row, attachment))
        db.executemany("INSERT INTO message (ROWID, guid, text, handle_id, attributedBody, version, service, account, date, date_read, date_delivered, "
                       "is_delivered, is_finished, is_from_me, is_read, is_sent, cache_has_attachments, item_type, associated_message_guid, "
                       "associated_message_type, sort_id, part_count) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", messages)
        db.executemany("INSERT INTO chat_message_join VALUES (?,?,?)", joins)
        db.executemany("INSERT INTO attachment (ROWID, guid, created_date, filename, uti, mime_type, transfer_state, is_outgoing, total_bytes) VALUES (?,?,?,?,?,?,?,?,?)", attachments)
        db.executemany("INSERT INTO message_attachment_join VALUES (?,?)", attachment_joins)
        db.commit()
        size = os.path.getsize(path)
    db.close()
    return path, os.path.getsize(path)


def sms_ie(root, target, rng, text):
    """SMS Import / Export (tmo1/sms-ie) messages.ndjson, as unpacked from its export zip: one
    JSON object a line, each row of Android's SMS table with every column as a string (_id,
    thread_id, address, date and date_sent in ms, type 1 received / 2 sent, body,
    service_center, creator, sub_id, __display_name), and a twentieth MMS rows (date in
    seconds, msg_box, __sender_address, __recipient_addresses, __parts with a text/plain part
    beside the image part)."""
    path = os.path.join(root, "sms-ie", "messages.ndjson")
    o = Out(path)
    contacts = [(f"+4477009{rng.randint(10_000, 99_999)}", name) for name in FRIENDS] + [("88355", None), ("VERIFY", None)]
    row, part, t = 0, 0, 1_420_070_400_000
    while o.bytes < target:
        row += 1
        t += rng.randint(5_000, 1_000_000)
        thread = rng.randrange(len(contacts))
        number, name = contacts[thread]
        shown = {"__display_name": name} if name else {}
        if rng.random() < 0.95:
            sent = rng.random() < 0.45
            record = {"_id": str(row), "thread_id": str(thread + 1), "address": number, "date": str(t),
                      "date_sent": "0" if sent else str(t - rng.randint(500, 9000)), "protocol": None if sent else "0", "read": "1",
                      "status": "-1", "type": "2" if sent else "1", "reply_path_present": None if sent else "0", "subject": None,
                      "body": text.message(), "service_center": None if sent else "+447958879879", "locked": "0", "sub_id": "1",
                      "error_code": "0", "creator": "com.google.android.apps.messaging", "seen": "1", **shown}
        else:
            part += 2
            box = rng.choice(["1", "2"])
            me = {"address": "+447700900000", "type": "151" if box == "1" else "137", "charset": "106"}
            them = {"address": number, "type": "137" if box == "1" else "151", "charset": "106", **shown}
            record = {"_id": str(row), "thread_id": str(thread + 1), "date": str(t // 1000), "date_sent": "0", "msg_box": box,
                      "read": "1", "m_id": f"{rng.getrandbits(64):016x}", "sub": None, "sub_cs": None,
                      "ct_t": "application/vnd.wap.multipart.related", "exp": None, "m_cls": "personal", "m_type": "132" if box == "1" else "128",
                      "v": "18", "m_size": str(rng.randint(40_000, 300_000)), "pri": "129", "rr": "129", "rpt_a": None, "resp_st": None,
                      "st": None, "tr_id": f"T{rng.getrandbits(40):x}", "retr_st": None, "retr_txt": None, "retr_txt_cs": None,
                      "read_status": None, "ct_cls": None, "resp_txt": None, "d_tm": None, "d_rpt": "129", "locked": "0", "sub_id": "1",
                      "seen": "1", "creator": "com.google.android.apps.messaging", "text_only": "0",
                      "__sender_address": {"_id": str(part), "msg_id": str(row), **(them if box == "1" else me)},
                      "__recipient_addresses": [{"_id": str(part + 1), "msg_id": str(row), **(me if box == "1" else them)}],
                      "__parts": [{"_id": str(part), "mid": str(row), "seq": "0", "ct": "image/jpeg", "name": f"IMG_{row}.jpg", "chset": None,
                                   "cd": None, "fn": None, "cid": "<image000000>", "cl": f"IMG_{row}.jpg", "ctt_s": None, "ctt_t": None,
                                   "_data": f"/data/user/0/com.android.providers.telephony/app_parts/PART_{t}_IMG_{row}.jpg", "text": None},
                                  {"_id": str(part + 1), "mid": str(row), "seq": "0", "ct": "text/plain", "name": None, "chset": "106",
                                   "cd": None, "fn": None, "cid": "<text_0>", "cl": "text_0.txt", "ctt_s": None, "ctt_t": None,
                                   "_data": None, "text": text.message()}]}
        o.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
    return os.path.dirname(path), o.close()


def signal(root, target, rng, text):
    """Signal Desktop chats exported with signal-export (sigexport): one folder per chat with
    its data.json, one JSON object a line (date as local time without offset, sender "Me" or
    the contact's name, body with the two trailing spaces sigexport adds, quote, sticker,
    reactions, attachments), about 20 MB a chat, calls written as body text as sigexport does."""
    folder = os.path.join(root, "signal-chats")
    total, chat = 0, 0
    while total < target:
        name = FRIENDS[chat % len(FRIENDS)] + ("" if chat < len(FRIENDS) else f" {chat}")
        o = Out(os.path.join(folder, name, "data.json"))
        t = 1_500_000_000 + chat * 13
        while o.bytes < 20_000_000 and total + o.bytes < target:
            t += rng.randint(10, 4000)
            sender = "Me" if rng.random() < 0.5 else name
            k = rng.random()
            quote, reactions, attachments, body = "", [], [], text.message()
            if k < 0.02:
                body = rng.choice(["Missed voice call", "Incoming voice call (accepted, 4m 12s)", "Outgoing video call (unanswered)"])
            elif k < 0.07:
                attachments = [{"name": f"signal-{local(t, '%Y-%m-%d-%H%M%S')}.jpg", "path": f"media/signal-{local(t, '%Y-%m-%d-%H%M%S')}.jpg"}]
            elif k < 0.12:
                quote = "> " + text.message() + "\n\n"
            if rng.random() < 0.08:
                reactions = [{"name": rng.choice(["Me", name]), "emoji": rng.choice(["👍", "❤️", "😂"])}]
            o.write(json.dumps({"date": local(t, "%Y-%m-%dT%H:%M:%S"), "sender": sender, "body": body + "  ", "quote": quote, "sticker": "",
                                "reactions": reactions, "attachments": attachments}, ensure_ascii=False) + "\n")
        total += o.close()
        chat += 1
    return folder, total


SHOPS = [("REWE Markt GmbH", "REWE SAGT DANKE"), ("EDEKA Suedbayern", "EDEKA CENTER"), ("ALDI SUED", "ALDI SUED SAGT DANKE"),
         ("Lidl Dienstleistung", "LIDL DIENSTL"), ("dm-drogerie markt", "DM FIL.1852"), ("Rossmann", "ROSSMANN 2231"),
         ("DB Vertrieb GmbH", "DB BAHN A-NR ZDJ7K2"), ("Shell Deutschland", "SHELL 1045"), ("IKEA Deutschland", "IKEA EUSTACHIUS"),
         ("Amazon EU S.a.r.L.", "AMZN Mktp DE"), ("Backhaus Kamps", "KAMPS BAECKEREI"), ("MediaMarkt", "MEDIA MARKT")]
DIRECT_DEBITS = [("Stadtwerke Muenchen GmbH", "Abschlag Strom Vertragskonto 4000123456"), ("Telekom Deutschland GmbH", "Rechnung Festnetz Kundennr. 551234987"),
                 ("Vodafone GmbH", "Mobilfunk Rechnung Kundenkonto 1122334455"), ("Allianz Versicherungs-AG", "Beitrag Hausratversicherung VS-Nr 7712003"),
                 ("Rundfunk ARD, ZDF, DRadio", "Rundfunkbeitrag Beitragsnr. 453112876"), ("Netflix International B.V.", "Netflix Monatsabo"),
                 ("Techniker Krankenkasse", "Beitrag Zusatzversicherung"), ("PayPal Europe S.a.r.l. et Cie S.C.A", "PP.4412.PP . Ihr Einkauf bei")]
CITIES = ["Muenchen", "Berlin", "Hamburg", "Koeln", "Frankfurt", "Leipzig"]


def iban(rng):
    return f"DE{rng.randint(10, 99)}{rng.randint(10_000_000, 99_999_999)}{rng.randint(10 ** 9, 10 ** 10 - 1)}"


def bookings(rng, text, start, per_day):
    """Transactions of a busy current account as banks book them, from `start` (epoch seconds)
    on, `per_day` a day on average: card payments with the terminal's booking text, SEPA
    direct debits with mandate and creditor id, transfers with end-to-end references,
    salary and other credits. About 4 % carry a lexicon phrase as payee or in the purpose."""
    t = start
    parties = {name: (iban(rng), rng.choice(["BYLADEMMXXX", "COBADEFFXXX", "DEUTDEDBXXX", "INGDDEFFXXX", "GENODEF1M01"])) for name, _ in SHOPS + DIRECT_DEBITS}
    while True:
        t += rng.randint(60, int(2 * 86_400 / per_day))
        k = rng.random()
        b = {"time": t, "eref": "NOTPROVIDED", "mref": None, "cred": None}
        if k < 0.55:
            name, terminal = rng.choice(SHOPS)
            b.update(kind="card", name=name, amount=-rng.randint(120, 15_000), gvc="106", family=("PMNT", "CCRD", "POSD"),
                     purpose=f"{terminal}//{rng.choice(CITIES)}/DE {local(t, '%Y-%m-%dT%H:%M:%S')} KFN 1 VJ 27{rng.randint(10, 12)}",
                     eref=f"{rng.getrandbits(40):011d}"[:11])
        elif k < 0.75:
            name, purpose = rng.choice(DIRECT_DEBITS)
            b.update(kind="dd", name=name, amount=-rng.randint(900, 25_000), gvc="105", family=("PMNT", "RDDT", "ESDD"),
                     purpose=f"{purpose} {local(t, '%m/%Y')}", eref=f"E{rng.getrandbits(48):014d}"[:15],
                     mref=f"M{rng.randint(10 ** 8, 10 ** 9)}", cred=f"DE{rng.randint(10, 99)}ZZZ0000{rng.randint(10 ** 6, 10 ** 7)}")
        elif k < 0.9:
            name = rng.choice(FRIENDS) if rng.random() < 0.7 else "Hausverwaltung Schmidt GmbH"
            purpose = text.message() if name != "Hausverwaltung Schmidt GmbH" else f"Miete {local(t, '%m/%Y')} Whg. 3 OG links"
            b.update(kind="transfer", name=name, amount=-rng.randint(500, 120_000), gvc="116", family=("PMNT", "ICDT", "ESCT"), purpose=purpose)
            parties.setdefault(name, (iban(rng), "COBADEFFXXX"))
        else:
            name = rng.choice(["Acme Software GmbH", "Finanzamt Muenchen", "Alex Morgan", "Priya Shah"])
            purpose = f"Gehalt {local(t, '%m/%Y')} Personalnr. 00412" if name.startswith("Acme") else f"Erstattung Einkommensteuer {time.gmtime(t).tm_year - 1}" if name.startswith("Finanz") else text.message()
            b.update(kind="credit", name=name, amount=rng.randint(2_000, 420_000), gvc="166", family=("PMNT", "RCDT", "ESCT"), purpose=purpose)
            parties.setdefault(name, (iban(rng), "DEUTDEDBXXX"))
        if text.hit():
            if rng.random() < 0.5:
                b["name"] = rng.choice(text.phrases).title()
                parties.setdefault(b["name"], (iban(rng), "GENODEF1M01"))
            else:
                b["purpose"] = rng.choice(text.phrases) + " " + b["purpose"][:40]
        b["iban"], b["bic"] = parties[b["name"]]
        yield b


def xml_text(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def camt053(root, target, rng, text):
    """ISO 20022 camt.053.001.08 account statements, one file a month as a bank's CAMT export
    writes them (<date>_C53_<IBAN>_EUR_<n>.xml): GrpHdr, Stmt with the account, opening and
    closing balances, then an Ntry per booking (amount, CdtDbtInd, status, booking and value
    date, bank transaction code, TxDtls with references, related parties and agents, the
    purpose as RmtInf/Ustrd, AddtlNtryInf). A small business's account: 2,000–4,000 entries a
    month, pretty-printed."""
    folder = os.path.join(root, "camt053")
    account = "DE02120300000000202051"
    stream = bookings(rng, text, 1_546_300_800, 100)
    total, n, balance = 0, 0, 1_234_567
    b = next(stream)
    while total < target:
        n += 1
        month_start = b["time"]
        g = time.gmtime(month_start)
        month_end = calendar.timegm((g.tm_year + (g.tm_mon == 12), g.tm_mon % 12 + 1, 1, 0, 0, 0))
        o = Out(os.path.join(folder, f"{local(month_end - 86_400, '%Y-%m-%d')}_C53_{account}_EUR_{n:03d}.xml"))
        o.write('<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08 camt.053.001.08.xsd">\n'
                f'  <BkToCstmrStmt>\n    <GrpHdr>\n      <MsgId>C53{local(month_end, "%Y%m%d")}{n:06d}</MsgId>\n      <CreDtTm>{local(month_end, "%Y-%m-%dT06:00:00")}+01:00</CreDtTm>\n'
                '      <MsgPgntn>\n        <PgNb>1</PgNb>\n        <LastPgInd>true</LastPgInd>\n      </MsgPgntn>\n    </GrpHdr>\n'
                f'    <Stmt>\n      <Id>{local(month_start, "%Y%m")}{n:05d}</Id>\n      <ElctrncSeqNb>{n}</ElctrncSeqNb>\n      <CreDtTm>{local(month_end, "%Y-%m-%dT06:00:00")}+01:00</CreDtTm>\n'
                f'      <FrToDt>\n        <FrDtTm>{local(month_start, "%Y-%m-01T00:00:00")}+01:00</FrDtTm>\n        <ToDtTm>{local(month_end - 1, "%Y-%m-%dT23:59:59")}+01:00</ToDtTm>\n      </FrToDt>\n'
                f'      <Acct>\n        <Id>\n          <IBAN>{account}</IBAN>\n        </Id>\n        <Ccy>EUR</Ccy>\n        <Ownr>\n          <Nm>Taylor Design GmbH</Nm>\n        </Ownr>\n'
                '        <Svcr>\n          <FinInstnId>\n            <BICFI>BYLADEM1001</BICFI>\n            <Nm>Deutsche Kreditbank Berlin</Nm>\n          </FinInstnId>\n        </Svcr>\n      </Acct>\n'
                f'      <Bal>\n        <Tp>\n          <CdOrPrtry>\n            <Cd>PRCD</Cd>\n          </CdOrPrtry>\n        </Tp>\n        <Amt Ccy="EUR">{abs(balance) / 100:.2f}</Amt>\n'
                f'        <CdtDbtInd>{"CRDT" if balance >= 0 else "DBIT"}</CdtDbtInd>\n        <Dt>\n          <Dt>{local(month_start, "%Y-%m-01")}</Dt>\n        </Dt>\n      </Bal>\n')
        while b["time"] < month_end and total + o.bytes < target:
            balance += b["amount"]
            day = local(b["time"], "%Y-%m-%d")
            debit = b["amount"] < 0
            role = "Cdtr" if debit else "Dbtr"
            mandate = f'              <MndtId>{b["mref"]}</MndtId>\n' if b["mref"] else ""
            # A direct debit names the creditor with its SEPA creditor id.
            scheme = (f'                  <Id>\n                    <PrvtId>\n                      <Othr>\n                        <Id>{b["cred"]}</Id>\n'
                      '                        <SchmeNm>\n                          <Prtry>SEPA</Prtry>\n                        </SchmeNm>\n'
                      '                      </Othr>\n                    </PrvtId>\n                  </Id>\n') if b["cred"] else ""
            party = f'              <{role}>\n                <Pty>\n                  <Nm>{xml_text(b["name"])}</Nm>\n{scheme}                </Pty>\n              </{role}>\n'
            o.write(f'      <Ntry>\n        <NtryRef>{rng.getrandbits(40)}</NtryRef>\n        <Amt Ccy="EUR">{abs(b["amount"]) / 100:.2f}</Amt>\n'
                    f'        <CdtDbtInd>{"DBIT" if debit else "CRDT"}</CdtDbtInd>\n        <Sts>\n          <Cd>BOOK</Cd>\n        </Sts>\n'
                    f'        <BookgDt>\n          <Dt>{day}</Dt>\n        </BookgDt>\n        <ValDt>\n          <Dt>{day}</Dt>\n        </ValDt>\n'
                    f'        <AcctSvcrRef>{rng.getrandbits(60)}</AcctSvcrRef>\n'
                    f'        <BkTxCd>\n          <Domn>\n            <Cd>{b["family"][0]}</Cd>\n            <Fmly>\n              <Cd>{b["family"][1]}</Cd>\n'
                    f'              <SubFmlyCd>{b["family"][2]}</SubFmlyCd>\n            </Fmly>\n          </Domn>\n'
                    f'          <Prtry>\n            <Cd>NTRF+{b["gvc"]}+9310</Cd>\n            <Issr>DK</Issr>\n          </Prtry>\n        </BkTxCd>\n'
                    f'        <NtryDtls>\n          <TxDtls>\n            <Refs>\n              <EndToEndId>{b["eref"]}</EndToEndId>\n{mandate}            </Refs>\n'
                    f'            <Amt Ccy="EUR">{abs(b["amount"]) / 100:.2f}</Amt>\n            <CdtDbtInd>{"DBIT" if debit else "CRDT"}</CdtDbtInd>\n'
                    f'            <RltdPties>\n{party}'
                    f'              <{role}Acct>\n                <Id>\n                  <IBAN>{b["iban"]}</IBAN>\n                </Id>\n              </{role}Acct>\n'
                    f'            </RltdPties>\n            <RltdAgts>\n              <{role}Agt>\n                <FinInstnId>\n'
                    f'                  <BICFI>{b["bic"]}</BICFI>\n                </FinInstnId>\n              </{role}Agt>\n            </RltdAgts>\n'
                    f'            <RmtInf>\n              <Ustrd>{xml_text(b["purpose"])}</Ustrd>\n            </RmtInf>\n          </TxDtls>\n        </NtryDtls>\n'
                    f'        <AddtlNtryInf>{ {"card": "KARTENZAHLUNG", "dd": "FOLGELASTSCHRIFT", "transfer": "ONLINE-UEBERWEISUNG", "credit": "GUTSCHRIFT UEBERWEISUNG"}[b["kind"]]}</AddtlNtryInf>\n      </Ntry>\n')
            b = next(stream)
        o.write(f'      <Bal>\n        <Tp>\n          <CdOrPrtry>\n            <Cd>CLBD</Cd>\n          </CdOrPrtry>\n        </Tp>\n        <Amt Ccy="EUR">{abs(balance) / 100:.2f}</Amt>\n'
                f'        <CdtDbtInd>{"CRDT" if balance >= 0 else "DBIT"}</CdtDbtInd>\n        <Dt>\n          <Dt>{local(month_end - 86_400, "%Y-%m-%d")}</Dt>\n        </Dt>\n      </Bal>\n'
                '    </Stmt>\n  </BkToCstmrStmt>\n</Document>\n')
        total += o.close()
    return folder, total


def mt940(root, target, rng, text):
    """A SWIFT MT940 export as German banks write it (one .sta file, one statement a booking
    day: :20:, :25: BLZ/account, :28C:, :60F:, then a :61: and :86: per booking, :62F:, "-"),
    the :86: in the structured German form (GVC, ?00 booking text, ?10 primanota, ?20–?29
    the purpose in 27-character pieces with EREF+, MREF+, CRED+ and SVWZ+, ?30 BIC, ?31
    IBAN, ?32–?33 the name, ?34), wrapped at 65 characters. A small business's account,
    about three hundred bookings a day, so that 200 MB spans years rather than decades."""
    path = os.path.join(root, "mt940", "MT940_DE02120300000000202051.sta")
    o = Out(path)
    stream = bookings(rng, text, 1_451_606_400, 300)
    b, statement, balance = next(stream), 0, 1_234_567
    texts = {"card": "KARTENZAHLUNG", "dd": "FOLGELASTSCHRIFT", "transfer": "ONLINE-UEBERWEISUNG", "credit": "GUTSCHRIFT UEBERW."}

    def amount(cents):
        return f"{abs(cents) // 100},{abs(cents) % 100:02d}"

    while o.bytes < target:
        statement += 1
        day = b["time"] - b["time"] % 86_400
        o.write(f":20:STARTUMSE\r\n:25:12030000/0000202051\r\n:28C:{statement:05d}/001\r\n"
                f":60F:{'C' if balance >= 0 else 'D'}{local(day, '%y%m%d')}EUR{amount(balance)}\r\n")
        while b["time"] < day + 86_400:
            balance += b["amount"]
            d = local(b["time"], "%y%m%d")
            o.write(f":61:{d}{d[2:]}{'D' if b['amount'] < 0 else 'C'}{amount(b['amount'])}NMSC{b['eref'][:16]}//{rng.getrandbits(40)}\r\n")
            svwz = ""
            if b["eref"] != "NOTPROVIDED":
                svwz += f"EREF+{b['eref']}"
            if b["mref"]:
                svwz += f"MREF+{b['mref']}CRED+{b['cred']}"
            svwz += "SVWZ+" + b["purpose"]
            pieces = "".join(f"?{20 + i}{svwz[i * 27:(i + 1) * 27]}" for i in range(min(10, (len(svwz) + 26) // 27)))
            name = b["name"].upper()
            field = (f"{b['gvc']}?00{texts[b['kind']]}?10{rng.randint(1000, 9999)}{pieces}?30{b['bic']}?31{b['iban']}"
                     f"?32{name[:27]}" + (f"?33{name[27:54]}" if len(name) > 27 else "") + "?34992")
            o.write(":86:" + "\r\n".join(field[i:i + 65] for i in range(0, len(field), 65)) + "\r\n")
            b = next(stream)
        o.write(f":62F:{'C' if balance >= 0 else 'D'}{local(day, '%y%m%d')}EUR{amount(balance)}\r\n-\r\n")
    return path, o.close()


def qif(root, target, rng, text):
    """A QIF export of a current account (!Type:Bank), as Quicken, GnuCash and many banks'
    "QIF" downloads write it: D date (MM/DD/YYYY), T and U amount, N check number or
    reference, P payee, M memo, L category, C cleared, ^ ending each record; a few split
    transactions (S, E, $ lines). Some 600 records a day, so that 200 MB (1.7 million records)
    spans years rather than centuries."""
    path = os.path.join(root, "qif", "Checking.qif")
    o = Out(path)
    o.write("!Type:Bank\n")
    stream = bookings(rng, text, 1_420_070_400, 600)
    categories = {"card": ["Groceries", "Household", "Travel:Rail", "Auto:Fuel", "Shopping"], "dd": ["Utilities:Electric", "Utilities:Telephone", "Insurance", "Subscriptions"],
                  "transfer": ["Rent", "Gifts", "Transfer"], "credit": ["Salary", "Tax Refund", "Other Inc"]}
    while o.bytes < target:
        b = next(stream)
        value = f"{b['amount'] / 100:,.2f}"
        category = rng.choice(categories[b["kind"]])
        record = f"D{local(b['time'], '%m/%d/%Y')}\nT{value}\nU{value}\nC{rng.choice(['X', 'X', '*', ''])}\n"
        if b["kind"] == "transfer" and rng.random() < 0.3:
            record += f"N{rng.randint(100, 9999)}\n"
        record += f"P{b['name']}\nM{b['purpose']}\nL{category}\n"
        if rng.random() < 0.03 and b["amount"] < -1000:
            half = b["amount"] // 2
            record += (f"S{category}\nE{text.message()[:60]}\n${half / 100:.2f}\n"
                       f"SHousehold\nE{rng.choice(EVERYDAY)}\n${(b['amount'] - half) / 100:.2f}\n")
        o.write(record + "^\n")
    return path, o.close()


def paypal(root, target, rng, text):
    """PayPal's activity download (Activity → Statements → Activity download, all
    transactions, CSV) for a UK account: every field quoted, the 41 columns of the current
    report (Date dd/mm/yyyy, Time, TimeZone, Name, Type, Status, Currency, Gross, Fee, Net,
    e-mail addresses, Transaction ID, Item Title, Reference Txn ID, Balance, …, Note, Balance
    Impact); purchases with the card or bank top-up row PayPal books beside them, payments to
    friends with a note, subscriptions, refunds, a payment every ten minutes or so (a seller's or a
    very busy buyer's account). One file a year, as the report's period
    limit has it."""
    folder = os.path.join(root, "paypal")
    header = ["Date", "Time", "TimeZone", "Name", "Type", "Status", "Currency", "Gross", "Fee", "Net", "From Email Address",
              "To Email Address", "Transaction ID", "Shipping Address", "Address Status", "Item Title", "Item ID",
              "Shipping and Handling Amount", "Insurance Amount", "Sales Tax", "Option 1 Name", "Option 1 Value", "Option 2 Name",
              "Option 2 Value", "Reference Txn ID", "Invoice Number", "Custom Number", "Quantity", "Receipt ID", "Balance",
              "Address Line 1", "Address Line 2/District/Neighbourhood", "Town/City", "County", "Postcode", "Country",
              "Contact Phone Number", "Subject", "Note", "Country Code", "Balance Impact"]
    shops = [("eBay O*12-09876-54321", "ebay@ebay.co.uk"), ("Etsy UK", "payments@etsy.com"), ("Deliveroo", "paypal@deliveroo.co.uk"),
             ("Steam Purchase", "paypal@valvesoftware.com"), ("Vinted", "payments@vinted.co.uk"), ("Uber BV", "paypal@uber.com"),
             ("JustEat", "pp@just-eat.co.uk"), ("Spotify AB", "paypal@spotify.com"), ("ASOS.com Ltd", "paypal@asos.com")]
    items = ["Wireless earbuds, black", "Vintage denim jacket size M", "Order #{n}", "Monthly subscription", "Pizza order",
             "Phone case iPhone 14", "Board game - Catan", "Running shoes UK 9", "Ride {n}", "Gift card"]
    me = "sam.taylor@example.co.uk"

    def tid():
        return "".join(rng.choice("0123456789ABCDEFGHJKLMNPRSTUVWXY") for _ in range(17))

    total, t, balance = 0, 1_420_070_400, 0
    while total < target:
        year = time.gmtime(t).tm_year
        o = Out(os.path.join(folder, f"Download_{year}.CSV"))
        o.write(",".join(f'"{h}"' for h in header) + "\n")
        while time.gmtime(t).tm_year == year and total + o.bytes < target:
            t += rng.randint(30, 1_200)
            k = rng.random()
            note, subject = "", ""
            if k < 0.6:
                name, email = rng.choice(shops)
                kind = rng.choice(["Express Checkout Payment", "Website Payment", "PreApproved Payment Bill User Payment"])
                item = rng.choice(items).format(n=rng.randint(10_000, 99_999))
                if text.hit():
                    item = rng.choice(text.phrases).title()
                gross = -rng.randint(199, 12_000)
                src, dst = me, email
            elif k < 0.85:
                name = rng.choice(FRIENDS)
                email = name.split()[0].lower() + "@example.com"
                kind, item = "Mobile Payment", ""
                gross = rng.randint(500, 9_000) * rng.choice([-1, 1])
                note = text.message()
                src, dst = (me, email) if gross < 0 else (email, me)
            else:
                name, email = rng.choice(shops)
                kind, item = "Payment Refund", ""
                gross = rng.randint(199, 5_000)
                src, dst = email, me
            balance += gross
            ref = tid()
            rows = [(name, kind, gross, src, dst, ref, item, "", note)]
            if gross < 0:
                # A purchase PayPal funds from the card or bank account: the top-up row beside it.
                rows.append(("", rng.choice(["General Card Deposit", "Bank Deposit to PP Account "]), -gross, "", me, tid(), "", ref, ""))
                balance -= gross
            for name_, kind_, gross_, src_, dst_, id_, item_, ref_, note_ in rows:
                fields = [local(t, "%d/%m/%Y"), local(t, "%H:%M:%S"), "Europe/London", name_, kind_, "Completed", "GBP",
                          f"{gross_ / 100:,.2f}", "0.00", f"{gross_ / 100:,.2f}", src_, dst_, id_, "", "", item_, "", "0.00", "", "",
                          "", "", "", "", ref_, "", "", "1" if item_ else "", "", f"{balance / 100:,.2f}", "", "", "", "", "", "", "",
                          subject, note_, "", "Debit" if gross_ < 0 else "Credit"]
                o.write(",".join('"' + f.replace('"', '""') + '"' for f in fields) + "\n")
        total += o.close()
    return folder, total

def ics_text(s):
    """An iCalendar TEXT value (RFC 5545 §3.3.11): backslash, comma, semicolon and line breaks escaped."""
    return s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def ics_fold(line):
    """One content line folded at 75 octets, as Google and Apple write it: CRLF and a space
    before each continuation, never inside a UTF-8 sequence."""
    b = line.encode("utf-8")
    if len(b) <= 75:
        return line + "\r\n"
    pieces, start, width = [], 0, 75
    while start < len(b):
        end = min(start + width, len(b))
        while end < len(b) and (b[end] & 0xC0) == 0x80:
            end -= 1
        pieces.append(b[start:end].decode("utf-8"))
        start, width = end, 74
    return "\r\n ".join(pieces) + "\r\n"


def calendar_ics(root, target, rng, text):
    """Google Calendar in Takeout: Takeout/Calendar/<calendar name>.ics, one file a calendar (the
    account's own calendar most of the bytes, a shared family one and a work one the rest), each
    VCALENDAR with Google's header and VTIMEZONE, then a VEVENT per event in Google's property
    order (DTSTART/DTEND in UTC, all-day ones VALUE=DATE, repeating ones with TZID and an RRULE
    that ends, so that occurrences stay a few per event), DESCRIPTION often a pasted agenda or
    conference blurb (lines folded at 75 octets), a VALARM under most. A busy shared calendar:
    some fifty events a day, so that 200 MB spans years rather than centuries. The planted
    phrases go into SUMMARY and LOCATION, the properties the importer reads."""
    folder = os.path.join(root, "Takeout", "Calendar")
    shares = [("sam.taylor@gmail.com", 0.7), ("Family", 0.2), ("Work - Sam Taylor", 0.1)]
    titles = ["Team standup", "1:1 with Priya", "Dinner with Alex", "Football", "School pickup",
              "Quarterly planning", "Car service", "Flight to Lisbon", "Yoga class", "Book club", "Parents' evening",
              "Call plumber", "Project review", "Lunch", "Haircut", "Kids' swimming lesson", "Bin day", "Birthday party"]
    places = [f"{rng.choice(PLACE_KINDS)}, {rng.randint(1, 200)} {rng.choice(STREETS)}, London" for _ in range(60)] + \
             ["Meeting room 3.14", "https://meet.google.com/abc-defg-hij", "Home", ""]
    stamp = "20250601T080000Z"  # the export's time: Google writes it as every DTSTAMP
    tz = ("BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\nX-LIC-LOCATION:Europe/London\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0000\r\n"
          "TZOFFSETTO:+0100\r\nTZNAME:BST\r\nDTSTART:19700329T010000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n"
          "BEGIN:STANDARD\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nTZNAME:GMT\r\nDTSTART:19701025T020000\r\n"
          "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n")
    total = 0
    for name, share in shares:
        o = Out(os.path.join(folder, f"{name}.ics"))
        o.write(f"BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\nCALSCALE:GREGORIAN\r\n"
                f"METHOD:PUBLISH\r\nX-WR-CALNAME:{name}\r\nX-WR-TIMEZONE:Europe/London\r\n{tz}")
        clock = 0
        while o.bytes < target * share:
            # Events between 07:00 and 21:00 (a calendar full of night-time events reads as
            # night activity to the rules): `clock` counts daytime seconds only.
            clock += rng.randint(300, 1_500)
            t = 1_420_070_400 + clock // 50_400 * 86_400 + 25_200 + clock % 50_400
            k = rng.random()
            lines = []
            if k < 0.08:
                day = local(t, "%Y%m%d")
                lines += [f"DTSTART;VALUE=DATE:{day}", f"DTEND;VALUE=DATE:{local(t + 86_400, '%Y%m%d')}"]
            elif k < 0.09:
                # A weekly series with an end: Google writes the zone's clock and the rule.
                lines += [f"DTSTART;TZID=Europe/London:{local(t, '%Y%m%dT%H%M%S')}", f"DTEND;TZID=Europe/London:{local(t + 3_600, '%Y%m%dT%H%M%S')}",
                          f"RRULE:FREQ=WEEKLY;COUNT={rng.randint(4, 12)};BYDAY={rng.choice(['MO', 'TU', 'WE', 'TH', 'FR'])}"]
            else:
                lines += [f"DTSTART:{local(t, '%Y%m%dT%H%M%SZ')}", f"DTEND:{local(t + rng.choice([1_800, 3_600, 5_400]), '%Y%m%dT%H%M%SZ')}"]
            uid = "".join(rng.choice("0123456789abcdefghijklmnopqrstuv") for _ in range(26))
            lines += [f"DTSTAMP:{stamp}", f"UID:{uid}@google.com", f"CREATED:{local(t - 86_400 * rng.randint(1, 60), '%Y%m%dT%H%M%SZ')}"]
            if rng.random() < 0.45:
                desc = text.message()
                if rng.random() < 0.5:
                    desc += ("\n\nJoin with Google Meet: https://meet.google.com/" + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(10))
                             + "\nJoin by phone\n(GB) +44 20 3956 " + str(rng.randint(1000, 9999)) + " PIN: " + str(rng.randint(100_000_000, 999_999_999))
                             + "#\n\nLearn more about Meet at: https://support.google.com/a/users/answer/9282720")
                lines.append("DESCRIPTION:" + ics_text(desc))
            lines.append(f"LAST-MODIFIED:{local(t - 3_600, '%Y%m%dT%H%M%SZ')}")
            place = rng.choice(text.phrases).title() if text.hit() and rng.random() < 0.3 else rng.choice(places)
            if place:
                lines.append("LOCATION:" + ics_text(place))
            title = rng.choice(text.phrases).capitalize() if text.hit() else rng.choice(titles)
            lines += ["SEQUENCE:0", "STATUS:" + ("CANCELLED" if rng.random() < 0.02 else "CONFIRMED"), "SUMMARY:" + ics_text(title), "TRANSP:OPAQUE"]
            if rng.random() < 0.7:
                lines += ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:This is an event reminder", f"TRIGGER:-P0DT0H{rng.choice([10, 30])}M0S", "END:VALARM"]
            o.write("BEGIN:VEVENT\r\n" + "".join(ics_fold(line) for line in lines) + "END:VEVENT\r\n")
        o.write("END:VCALENDAR\r\n")
        total += o.close()
    return folder, total

def tcx_activity(root, target, rng, text):
    """Garmin Connect's TCX export (an activity → Export to TCX; Strava's bulk export keeps such
    uploads as activities/<id>.tcx): a TrainingCenterDatabase with one Activity, its Id the
    start, a Lap per auto-lap kilometre (summary first: time, distance, speed, calories, heart
    rate, then its Track), a Trackpoint every 1–3 seconds as smart recording writes them
    (Time, Position, AltitudeMeters, DistanceMeters, HeartRateBpm and the TPX speed and
    cadence extension), pretty-printed as Garmin does. One activity in twenty is a treadmill
    run without positions. TCX holds no text, so no phrase is planted: what reaches rules is
    the workouts and the places."""
    folder = os.path.join(root, "tcx", "activities")
    total, n, t = 0, 0, 1_500_000_000
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n<TrainingCenterDatabase\n'
            '  xsi:schemaLocation="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2 http://www.garmin.com/xmlschemas/TrainingCenterDatabasev2.xsd"\n'
            '  xmlns:ns5="http://www.garmin.com/xmlschemas/ActivityGoals/v1"\n  xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2"\n'
            '  xmlns:ns2="http://www.garmin.com/xmlschemas/UserProfile/v2"\n  xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"\n'
            '  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ns4="http://www.garmin.com/xmlschemas/ProfileExtension/v1">\n  <Activities>\n')
    while total < target:
        n += 1
        # Daytime starts, 06:00–19:00 (runs at midnight would make the track the night's home).
        t += 86_400 * rng.randint(1, 2)
        t = t - t % 86_400 + rng.randint(21_600, 68_400)
        o = Out(os.path.join(folder, f"{12_000_000_000 + n * 7_919}.tcx"))
        sport, speed = rng.choice((("Running", 2.9), ("Running", 3.3), ("Biking", 7.5), ("Other", 1.4)))
        indoor = sport == "Running" and rng.random() < 0.05
        millis = lambda s: time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(s)) + ".000Z"
        o.write(head + f'    <Activity Sport="{sport}">\n      <Id>{millis(t)}</Id>\n')
        lat, lon, ele = 51.5 + rng.uniform(-0.2, 0.2), -0.12 + rng.uniform(-0.3, 0.3), 30.0
        s, dist, end = t, 0.0, t + rng.randint(1_800, 7_200)
        while s < end:
            lap_start, lap_dist, points, hr_sum, hr_max, count = s, dist, [], 0, 0, 0
            while s < end and dist - lap_dist < 1_000:
                step = rng.randint(1, 3)
                s += step
                v = speed * rng.uniform(0.8, 1.2)
                dist += v * step
                lat += rng.uniform(-0.00004, 0.00004) * step
                lon += rng.uniform(-0.00006, 0.00006) * step
                ele += rng.uniform(-0.3, 0.3)
                hr = rng.randint(120, 175)
                hr_sum, hr_max, count = hr_sum + hr, max(hr_max, hr), count + 1
                position = "" if indoor else (f"            <Position>\n              <LatitudeDegrees>{lat:.14f}</LatitudeDegrees>\n"
                                              f"              <LongitudeDegrees>{lon:.14f}</LongitudeDegrees>\n            </Position>\n")
                points.append(f"          <Trackpoint>\n            <Time>{millis(s)}</Time>\n{position}"
                              f"            <AltitudeMeters>{ele:.13f}</AltitudeMeters>\n            <DistanceMeters>{dist:.13f}</DistanceMeters>\n"
                              f"            <HeartRateBpm>\n              <Value>{hr}</Value>\n            </HeartRateBpm>\n"
                              f"            <Extensions>\n              <ns3:TPX>\n                <ns3:Speed>{v:.13f}</ns3:Speed>\n"
                              f"                <ns3:RunCadence>{rng.randint(78, 92)}</ns3:RunCadence>\n              </ns3:TPX>\n            </Extensions>\n"
                              "          </Trackpoint>\n")
            o.write(f'      <Lap StartTime="{millis(lap_start)}">\n        <TotalTimeSeconds>{s - lap_start:.1f}</TotalTimeSeconds>\n'
                    f"        <DistanceMeters>{dist - lap_dist:.13f}</DistanceMeters>\n        <MaximumSpeed>{speed * 1.2:.13f}</MaximumSpeed>\n"
                    f"        <Calories>{int((dist - lap_dist) / 15)}</Calories>\n"
                    f"        <AverageHeartRateBpm>\n          <Value>{hr_sum // max(count, 1)}</Value>\n        </AverageHeartRateBpm>\n"
                    f"        <MaximumHeartRateBpm>\n          <Value>{hr_max}</Value>\n        </MaximumHeartRateBpm>\n"
                    "        <Intensity>Active</Intensity>\n        <TriggerMethod>Distance</TriggerMethod>\n        <Track>\n"
                    + "".join(points) + "        </Track>\n"
                    f"        <Extensions>\n          <ns3:LX>\n            <ns3:AvgSpeed>{speed:.13f}</ns3:AvgSpeed>\n"
                    f"            <ns3:AvgRunCadence>{rng.randint(80, 90)}</ns3:AvgRunCadence>\n          </ns3:LX>\n        </Extensions>\n      </Lap>\n")
        o.write('      <Creator xsi:type="Device_t">\n        <Name>Forerunner 255</Name>\n        <UnitId>3412345678</UnitId>\n        <ProductID>3992</ProductID>\n'
                '        <Version>\n          <VersionMajor>19</VersionMajor>\n          <VersionMinor>18</VersionMinor>\n          <BuildMajor>0</BuildMajor>\n'
                '          <BuildMinor>0</BuildMinor>\n        </Version>\n      </Creator>\n    </Activity>\n  </Activities>\n'
                '  <Author xsi:type="Application_t">\n    <Name>Connect Api</Name>\n    <Build>\n      <Version>\n        <VersionMajor>0</VersionMajor>\n'
                '        <VersionMinor>0</VersionMinor>\n        <BuildMajor>0</BuildMajor>\n        <BuildMinor>0</BuildMinor>\n      </Version>\n    </Build>\n'
                '    <LangID>en</LangID>\n    <PartNumber>006-D2449-00</PartNumber>\n  </Author>\n</TrainingCenterDatabase>\n')
        total += o.close()
    return folder, total

def csv_field(s):
    """A CSV field quoted only when it has to be (Python's csv module, QUOTE_MINIMAL)."""
    return '"' + s.replace('"', '""') + '"' if any(c in s for c in ',"\r\n') else s


SUBREDDITS = ["AskUK", "CasualUK", "london", "soccer", "movies", "Cooking", "DIY", "todayilearned", "AskReddit",
              "CasualConversation", "gardening", "Coffee", "BritishSuccess", "PremierLeague", "buildapc", "television", "books"]


def reddit(root, target, rng, text):
    """Reddit's data request (reddit.com/settings/data-request): the zip's comments.csv (four
    fifths of the bytes) and posts.csv, as Reddit writes them (Python's csv: minimal quoting,
    CRLF rows, line breaks inside quoted bodies): `id,permalink,date,ip,subreddit,gildings,
    link,parent,body,media` and `id,permalink,date,ip,subreddit,gildings,title,url,body`,
    dates `2023-01-15 10:20:30 UTC`, the ip 0.0.0.0 as Reddit leaves it for old items. Comment
    bodies a sentence to a few paragraphs of markdown, a quoted reply now and then; a post a
    self post (title and body) or a link. A very active account, some two hundred items a day (r/gaming and the like left out: a subreddit alone reaches rules),
    so that 200 MB spans years rather than centuries."""
    folder = os.path.join(root, "reddit", "export_sam_taylor_20241201")

    def base36(k):
        return "".join(rng.choice("0123456789abcdefghijklmnopqrstuvwxyz") for _ in range(k))

    def slug(title):
        return "_".join("".join(c for c in w.lower() if c.isalnum()) for w in title.split()[:8]) or "post"

    total = 0
    for name, share, header in (("comments.csv", 0.8, "id,permalink,date,ip,subreddit,gildings,link,parent,body,media"),
                                ("posts.csv", 0.2, "id,permalink,date,ip,subreddit,gildings,title,url,body")):
        o = Out(os.path.join(folder, name))
        o.write(header + "\r\n")
        clock = 0
        while o.bytes < target * share:
            # Between 08:00 and 23:00 (an account posting all night reads as night activity to
            # the rules): `clock` counts waking seconds only.
            clock += rng.randint(60, 600)
            t = 1_420_070_400 + clock // 54_000 * 86_400 + 28_800 + clock % 54_000
            sub = rng.choice(SUBREDDITS)
            post, item = base36(6), base36(7)
            date = local(t, "%Y-%m-%d %H:%M:%S UTC")
            ip = "0.0.0.0" if t < 1_600_000_000 else f"81.2.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
            if name == "comments.csv":
                body = text.message()
                for _ in range(rng.choice([0, 0, 0, 1, 1, 2, 3])):
                    body += "\n\n" + " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 60))).capitalize() + "."
                if rng.random() < 0.1:
                    body = "> " + rng.choice(EVERYDAY) + "\n\n" + body
                link = f"https://www.reddit.com/r/{sub}/comments/{post}/{slug(rng.choice(EVERYDAY))}/"
                parent = f"t1_{base36(7)}" if rng.random() < 0.6 else ""
                row = [item, f"{link}{item}/", date, ip, sub, "0", link, parent, body, ""]
            else:
                title = text.search().capitalize() if text.hit() else rng.choice(EVERYDAY).capitalize()
                if rng.random() < 0.6:
                    url, body = "", text.message() + "\n\n" + " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 150)))
                else:
                    url, body = f"https://i.redd.it/{base36(13)}.jpeg", ""
                permalink = f"https://www.reddit.com/r/{sub}/comments/{item}/{slug(title)}/"
                row = [item, permalink, date, ip, sub, "0", title, url or permalink, body]
            o.write(",".join(csv_field(f) for f in row) + "\r\n")
        total += o.close()
    return folder, total

def linkedin(root, target, rng, text):
    """LinkedIn's "Get a copy of your data" (Basic_LinkedInDataExport_<date>/messages.csv): one
    row per message, `CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT
    PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER`, a conversation's rows together (ids `2-` and
    base64, as LinkedIn's), dates `2023-01-15 10:20:30 UTC`. Most conversations a few lines
    with a contact; one in five a recruiter's InMail with a SUBJECT and a long pitch, answered
    or not. Messages between 08:00 and 21:00 (none at night: that would read as night
    activity), some three hundred a day, so that 200 MB spans years rather than centuries."""
    path = os.path.join(root, "linkedin", "Basic_LinkedInDataExport_12-01-2024", "messages.csv")
    o = Out(path)
    o.write("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\r\n")
    me, my_url = "Sam Taylor", "https://www.linkedin.com/in/sam-taylor-4b2a1913"
    recruiters = [f"{first} {last}" for first in ("Hannah", "Oliver", "Amira", "Lukas", "Grace") for last in ("Wright", "Okafor", "Novak", "Chen")]
    pitch = ("I came across your profile and was impressed by your experience. We are hiring for a Senior Software Engineer "
             "role with a leading fintech in London (hybrid, 2 days in the office), salary up to £95,000 plus bonus and equity. "
             "Would you be open to a quick call this week to discuss? Kind regards")

    urls = {}

    def url(name):
        # One profile address per person, as LinkedIn's (vanity name and a hex suffix).
        if name not in urls:
            urls[name] = "https://www.linkedin.com/in/" + name.lower().replace(" ", "-").replace("é", "e").replace("ü", "u") + f"-{rng.getrandbits(32):08x}"
        return urls[name]

    clock = 0
    while o.bytes < target:
        recruiter = rng.random() < 0.2
        other = rng.choice(recruiters if recruiter else FRIENDS)
        other_url = url(other)
        cid = "2-" + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") for _ in range(50)) + "=="
        subject = rng.choice(["Exciting opportunity", "Senior Engineer role - London", "Quick question", "Your profile"]) if recruiter else ""
        for k in range(rng.randint(1, 3) if recruiter else rng.randint(2, 25)):
            clock += rng.randint(20, 300)
            t = 1_420_070_400 + clock // 46_800 * 86_400 + 28_800 + clock % 46_800
            theirs = (k % 2 == 0) if recruiter else rng.random() < 0.5
            if recruiter and k == 0:
                content = f"Hi Sam, {pitch}, {other.split()[0]}"
            else:
                content = text.message()
            sender, sender_url, to, to_url = (other, other_url, me, my_url) if theirs else (me, my_url, other, other_url)
            row = [cid, "", sender, sender_url, to, to_url, local(t, "%Y-%m-%d %H:%M:%S UTC"), subject if k == 0 else "", content, "INBOX"]
            o.write(",".join(csv_field(f) for f in row) + "\r\n")
    return path, o.close()


def youtube_comments(root, target, rng, text):
    """YouTube comments in Takeout: Takeout/YouTube and YouTube Music/comments/comments.csv in
    the layout Takeout writes since June 2024 (`Channel ID,Comment Create Timestamp,Price,
    Comment ID,Parent Comment ID,Video ID,Comment Text`), the words a comma-separated run of
    JSON segment objects inside the quoted field (a line break its own `{"text":"\\n"}`
    segment, a mention its own segment), timestamps with microseconds and +00:00. A third of
    the comments replies (Parent Comment ID, a reply's Comment ID the parent's and a dot);
    between 08:00 and 23:00, some two hundred a day, so that 200 MB spans years."""
    path = os.path.join(root, "youtube-comments", "Takeout", "YouTube and YouTube Music", "comments", "comments.csv")
    o = Out(path)
    o.write("Channel ID,Comment Create Timestamp,Price,Comment ID,Parent Comment ID,Video ID,Comment Text\n")
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    channel = "UC" + "".join(rng.choice(alphabet) for _ in range(22))
    clock = 0
    while o.bytes < target:
        clock += rng.randint(60, 500)
        t = 1_420_070_400 + clock // 54_000 * 86_400 + 28_800 + clock % 54_000
        stamp = local(t, "%Y-%m-%dT%H:%M:%S") + f".{rng.randint(0, 999_999):06d}+00:00"
        comment = "Ug" + rng.choice("wxyz") + "".join(rng.choice(alphabet) for _ in range(23))
        parent = ""
        segments = []
        if rng.random() < 0.33:
            parent = comment
            comment += "." + "".join(rng.choice(alphabet) for _ in range(22))
            segments.append("@" + rng.choice(FRIENDS).replace(" ", "") + " ")
        segments.append(text.message())
        for _ in range(rng.choice([0, 0, 1, 2])):
            segments += ["\n", " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 40)))]
        words = ",".join('{"text":' + js(s) + "}" for s in segments)
        video = "".join(rng.choice(alphabet) for _ in range(11))
        o.write(f'{channel},{stamp},0,{comment},{parent},{video},"' + words.replace('"', '""') + '"\n')
    return path, o.close()


# Each format: its generator and the row label scripts/bench.sh prints for it.
FORMATS = {
    "apple-health": (apple_health, "Apple Health export.xml"),
    "spotify": (spotify, "Spotify extended history (JSON)"),
    "twitter": (twitter, "X/Twitter tweets.js"),
    "messenger": (messenger, "Facebook Messenger JSON"),
    "tiktok": (tiktok, "TikTok user_data.json"),
    "whatsapp": (whatsapp, "WhatsApp chat .txt"),
    "chrome-sqlite": (chrome_sqlite, "Chrome History (SQLite)"),
    "sms-backup": (sms_backup, "Android SMS Backup & Restore XML"),
    "telegram": (telegram, "Telegram Desktop result.json"),
    "mbox": (mbox, "Gmail mbox (Takeout)"),
    "chatgpt": (chatgpt, "ChatGPT conversations.json"),
    "firefox": (firefox, "Firefox places.sqlite"),
    "gpx": (gpx, "GPX tracks (Strava export)"),
    "semantic-location": (semantic_location, "Google Semantic Location History (month files)"),
    "timeline": (timeline, "Google Maps Timeline.json (on-device)"),
    "my-activity-html": (my_activity_html, "Google My Activity HTML (Search, YouTube)"),
    "facebook": (facebook, "Facebook posts, comments, likes, searches (JSON)"),
    "instagram": (instagram, "Instagram messages and comments (JSON)"),
    "whatsapp-msgstore": (whatsapp_msgstore, "WhatsApp msgstore.db (SQLite)"),
    "imessage": (imessage, "Apple Messages chat.db (SQLite)"),
    "sms-ie": (sms_ie, "SMS Import / Export messages.ndjson"),
    "signal": (signal, "Signal sigexport data.json"),
    "camt053": (camt053, "CAMT.053 statements (XML, month files)"),
    "mt940": (mt940, "MT940 statement (.sta)"),
    "qif": (qif, "QIF statement"),
    "paypal": (paypal, "PayPal activity download (CSV)"),
    "calendar-ics": (calendar_ics, "Google Calendar Takeout (.ics)"),
    "tcx": (tcx_activity, "Garmin TCX activities"),
    "reddit": (reddit, "Reddit data request (comments, posts CSV)"),
    "linkedin": (linkedin, "LinkedIn messages.csv"),
    "youtube-comments": (youtube_comments, "YouTube comments.csv (Takeout)"),
    "photos": (photos_takeout, "Google Photos Takeout zip"),
}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("rules")
    p.add_argument("--mb", type=float, default=200)
    p.add_argument("--photos-mb", type=float, default=1000)
    p.add_argument("--formats", default=",".join(FORMATS))
    p.add_argument("--phrases", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "bench-phrases.txt"),
                   help="fixed phrase list (default: scripts/bench-phrases.txt, the lexicons of stop 38)")
    p.add_argument("--phrases-from-rules", action="store_true",
                   help="draw the phrases from RULES/lexicons instead (inputs then change as the lists grow)")
    a = p.parse_args()
    phrases = lexicon_phrases(a.rules) if a.phrases_from_rules else fixed_phrases(a.phrases)
    for name in a.formats.split(","):
        rng = random.Random(name)
        target = int((a.photos_mb if name == "photos" else a.mb) * 1e6)
        generate, label = FORMATS[name]
        path, size = generate(os.path.join(a.out, name), target, rng, Text(rng, phrases))
        print(f"{name}\t{path}\t{size}\t{label}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
