#!/usr/bin/env python3
"""Writes benchmark inputs in the real formats of the exports that are big in real life, for
scripts/bench.sh (docs/performance.md, "Per-format table"). Not part of steward: the product
never writes these; the persona writers (steward demo --write-only --scale) cover the Takeout
and bank formats, this covers the rest.

    bench-formats.py OUT_DIR RULES_DIR [--mb MB] [--formats a,b,...] [--photos-mb MB]

Every format gets about MB megabytes (default 200) in the layout its export has (file names,
folder nesting, how it splits into files), with field sizes and text like a real export's and
about 4 % of records carrying a phrase from one of steward's own lexicons (RULES_DIR/lexicons),
so that a realistic share of records reaches rules and most do not. Output is deterministic.
Prints one line per format: NAME<TAB>PATH<TAB>BYTES.
"""
import argparse
import time
import json
import os
import random
import sqlite3
import struct
import sys
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


def fresh_sqlite(path):
    """An empty SQLite database at `path` (any earlier one removed), written without a journal."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
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
    db = fresh_sqlite(path)
    for s in [
        "CREATE TABLE meta(key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value LONGVARCHAR)",
        "INSERT INTO meta VALUES ('version', '67')",
        "CREATE TABLE urls(id INTEGER PRIMARY KEY AUTOINCREMENT,url LONGVARCHAR,title LONGVARCHAR,visit_count INTEGER DEFAULT 0 NOT NULL,typed_count INTEGER DEFAULT 0 NOT NULL,last_visit_time INTEGER NOT NULL,hidden INTEGER DEFAULT 0 NOT NULL)",
        "CREATE TABLE visits(id INTEGER PRIMARY KEY AUTOINCREMENT,url INTEGER NOT NULL,visit_time INTEGER NOT NULL,from_visit INTEGER,external_referrer_url TEXT,transition INTEGER DEFAULT 0 NOT NULL,segment_id INTEGER,visit_duration INTEGER DEFAULT 0 NOT NULL,incremented_omnibox_typed_score BOOLEAN DEFAULT FALSE NOT NULL,opener_visit INTEGER,originator_cache_guid TEXT,originator_visit_id INTEGER,originator_from_visit INTEGER,originator_opener_visit INTEGER,is_known_to_sync BOOLEAN DEFAULT FALSE NOT NULL,consider_for_ntp_most_visited BOOLEAN DEFAULT FALSE NOT NULL,visited_link_id INTEGER DEFAULT 0 NOT NULL,app_id TEXT)",
        "CREATE INDEX visits_url_index ON visits (url)",
        "CREATE INDEX visits_time_index ON visits (visit_time)",
        "CREATE TABLE keyword_search_terms (keyword_id INTEGER NOT NULL,url_id INTEGER NOT NULL,term LONGVARCHAR NOT NULL,normalized_term LONGVARCHAR NOT NULL)",
        "CREATE INDEX keyword_search_terms_index1 ON keyword_search_terms (keyword_id, normalized_term)",
        "CREATE INDEX urls_url_index ON urls (url)",
    ]:
        db.execute(s)
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
    db = fresh_sqlite(path)
    db.execute("PRAGMA user_version=77")
    for sql in [
        "CREATE TABLE moz_origins (id INTEGER PRIMARY KEY, prefix TEXT NOT NULL, host TEXT NOT NULL, frecency INTEGER NOT NULL, UNIQUE (prefix, host))",
        "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url LONGVARCHAR, title LONGVARCHAR, rev_host LONGVARCHAR, visit_count INTEGER DEFAULT 0, hidden INTEGER DEFAULT 0 NOT NULL, typed INTEGER DEFAULT 0 NOT NULL, frecency INTEGER DEFAULT -1 NOT NULL, last_visit_date INTEGER , guid TEXT, foreign_count INTEGER DEFAULT 0 NOT NULL, url_hash INTEGER DEFAULT 0 NOT NULL , description TEXT, preview_image_url TEXT, site_name TEXT, origin_id INTEGER REFERENCES moz_origins(id), recalc_frecency INTEGER NOT NULL DEFAULT 0, alt_frecency INTEGER, recalc_alt_frecency INTEGER NOT NULL DEFAULT 0)",
        "CREATE TABLE moz_historyvisits (id INTEGER PRIMARY KEY, from_visit INTEGER, place_id INTEGER, visit_date INTEGER, visit_type INTEGER, session INTEGER, source INTEGER DEFAULT 0 NOT NULL, triggeringPlaceId INTEGER)",
        "CREATE TABLE moz_bookmarks (id INTEGER PRIMARY KEY, type INTEGER, fk INTEGER DEFAULT NULL, parent INTEGER, position INTEGER, title LONGVARCHAR, keyword_id INTEGER, folder_type TEXT, dateAdded INTEGER, lastModified INTEGER, guid TEXT, syncStatus INTEGER NOT NULL DEFAULT 0, syncChangeCounter INTEGER NOT NULL DEFAULT 1)",
        "CREATE INDEX moz_historyvisits_placedateindex ON moz_historyvisits (place_id, visit_date)",
        "CREATE INDEX moz_historyvisits_dateindex ON moz_historyvisits (visit_date)",
    ]:
        db.execute(sql)
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


FORMATS = {
    "apple-health": apple_health,
    "spotify": spotify,
    "twitter": twitter,
    "messenger": messenger,
    "tiktok": tiktok,
    "whatsapp": whatsapp,
    "chrome-sqlite": chrome_sqlite,
    "sms-backup": sms_backup,
    "telegram": telegram,
    "mbox": mbox,
    "chatgpt": chatgpt,
    "firefox": firefox,
    "gpx": gpx,
    "photos": photos_takeout,
}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("rules")
    p.add_argument("--mb", type=float, default=200)
    p.add_argument("--photos-mb", type=float, default=1000)
    p.add_argument("--formats", default=",".join(FORMATS))
    a = p.parse_args()
    phrases = lexicon_phrases(a.rules)
    for name in a.formats.split(","):
        rng = random.Random(name)
        target = int((a.photos_mb if name == "photos" else a.mb) * 1e6)
        path, size = FORMATS[name](os.path.join(a.out, name), target, rng, Text(rng, phrases))
        print(f"{name}\t{path}\t{size}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
