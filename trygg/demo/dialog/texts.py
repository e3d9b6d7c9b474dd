"""What the demo's respondents and focus groups say: ordinary, varied Swedish sentences with
no names, numbers or addresses in them (the PII scan finds nothing; a test proves it), about
the real places the demo knows. Themes are report category codes, the tag tree that survey
and report themes share."""

# (text, themes): themes an analyst coded; empty where nobody has coded the answer yet.
FREE_TEXTS = [
    ("Mer ljus på torget på kvällarna skulle göra stor skillnad.", ["belysning"]),
    (
        "Gångtunneln vid Resecentrum är mörk och jag undviker den när det är sent.",
        ["otrygg_passage", "belysning"],
    ),
    ("Det känns bättre sedan nattvandrarna började gå på helgerna.", []),
    ("Jag tycker att centrum har blivit tryggare det senaste året.", []),
    ("Mopederna på gångvägarna i Nibblesbacke är otäcka, särskilt för äldre.", ["mopedbuskorning"]),
    ("Klottret tas bort mycket snabbare nu, det märks.", ["klotter"]),
    ("Det behövs fler ställen för unga att vara på fredagskvällar.", ["ungdomar_oro"]),
    ("Buskarna längs gångvägen skymmer sikten när man går hem.", ["vegetation"]),
    ("Jag känner mig trygg i Köping, men inte vid Resecentrum sent.", []),
    ("Polisen borde synas mer vid torget på helgerna.", ["ordningsstorning"]),
    ("Det är mycket skräp kring återvinningen efter helgerna.", ["nedskrapning"]),
    ("Hamnen är fin på dagen men folktom och mörk på kvällen.", ["belysning"]),
    ("Grupper samlas utanför butikerna och det känns obehagligt att gå förbi.", ["grupperingar"]),
    ("Bättre belysning på parkeringen vid vårdcentralen, tack.", ["belysning"]),
    ("Jag går inte ut efter mörkrets inbrott längre.", []),
    ("Det är tryggt där jag bor i Kolsva, alla känner alla.", []),
    ("Bussen från Kolsva går för sällan på kvällen, man får vänta länge vid Resecentrum.", []),
    (
        "Mitt barn får inte gå ensamt till träningen på vintern för att det är så mörkt.",
        ["belysning"],
    ),
    ("Bra att kommunen frågar! Hoppas det leder till något.", []),
    ("Fler bänkar och mer liv på torget skulle locka fler att vara där.", []),
    ("Glaskross på cykelbanan gör att man inte vill cykla där.", ["annan_skadegorelse"]),
    ("Det har blivit lugnare på torget sedan belysningen byttes.", ["belysning"]),
    ("Jag är mest orolig för inbrott i förråden i vårt område.", ["inbrott"]),
    ("Fritidsgården i Nibblesbacke är jättebra, håll den öppen.", ["ungdomar_oro"]),
    ("Det luktar rök ibland vid soprummen och jag blir orolig för bränder.", ["brand_container"]),
    ("Kör sakta! Det går för fort genom Munktorp.", ["trafik"]),
    ("Jag vet inte vart man ska vända sig när en lampa är trasig.", ["belysning"]),
    ("Skolgården vid Karlbergsskolan är stökig på kvällarna.", ["grupperingar"]),
    ("Mer vuxna ute på kvällarna, det är det viktigaste.", []),
    ("Jag känner mig otrygg när jag väntar på tåget sent.", []),
]

# Map answers' reasons (the map question's short "Varför?").
MAP_REASONS = {
    "Stora Torget": ["Grupper som samlas", "Bråk på helgerna", "Klotter och krossat glas"],
    "Resecentrum": ["Mörkt och folktomt", "Gångtunneln är obehaglig", "Berusade personer"],
    "Karlbergsskolan": ["Stökigt på skolgården kvällstid", "Mopeder"],
    "Nibblesbacke centrum": ["Mopeder på gångvägen", "Grupper av unga"],
    "Östanås": ["Dålig belysning", "Buskar skymmer"],
    "Hamnen": ["Mörkt och öde", "Få människor på kvällen"],
    "Kolsva centrum": ["Mörkt vid busshållplatsen", "Få människor ute"],
    "Munktorp": ["Bilar kör fort", "Ingen belysning"],
    "vårdcentral": ["Mörk parkering", "Man väntar ensam på kvällen"],
}

SESSIONS = [
    {
        "title": "Fokusgrupp med unga på fritidsgården i Nibblesbacke",
        "days_before": 150,
        "district": "Nibblesbacke",
        "purpose": "Att förstå hur unga upplever centrum och Nibblesbacke på kvällarna och "
        "vad som skulle få dem att känna sig tryggare, som underlag till åtgärdsplanen.",
        "recruitment": "Fritidsledarna frågade besökare på fritidsgården; deltagandet var "
        "frivilligt och fika bjöds.",
        "composition": {"sex": {"kvinna": 4, "man": 5}, "age_band": {"16-24": 9}},
        "consent": "Skriftligt samtycke; vårdnadshavare godkände för deltagare under 18 år",
        "notes": [
            (
                "Flera berättar att de undviker gångtunneln vid Resecentrum när det är mörkt.",
                False,
                "",
                ["otrygg_passage", "belysning"],
            ),
            (
                "Det finns inget ställe att vara på efter att affärerna stängt, därför blir det "
                "torget.",
                True,
                "Deltagare A",
                ["ungdomar_oro"],
            ),
            ("Man blir stoppad av vakter fast man inte gjort något.", True, "Deltagare C", []),
            (
                "Gruppen vill ha fritidsgården öppen längre på helgerna.",
                False,
                "",
                ["ungdomar_oro"],
            ),
            (
                "Mopederna är mest ett problem på sommaren, säger flera.",
                False,
                "",
                ["mopedbuskorning"],
            ),
        ],
    },
    {
        "title": "Fokusgrupp med seniorer på Köpings bibliotek",
        "days_before": 120,
        "district": "Köping centrala",
        "purpose": "Att förstå varför äldre boende undviker centrum kvällstid och vad som "
        "skulle göra det lättare att gå ut.",
        "recruitment": "Inbjudan via pensionärsföreningarna och en affisch på biblioteket.",
        "composition": {
            "sex": {"kvinna": 7, "man": 4},
            "age_band": {"45-64": 2, "65-": 9},
        },
        "consent": "Muntligt samtycke, antecknat vid mötets början",
        "notes": [
            ("De flesta går inte ut efter mörkrets inbrott på vintern.", False, "", []),
            (
                "Jag tar hellre bilen de tvåhundra metrarna till torget än går i mörkret.",
                True,
                "Deltagare B",
                ["belysning"],
            ),
            (
                "Cyklar på trottoaren och mopeder gör att man känner sig osäker.",
                False,
                "",
                ["mopedbuskorning"],
            ),
            (
                "Det har blivit bättre sedan belysningen vid torget byttes.",
                True,
                "Deltagare E",
                ["belysning"],
            ),
            ("Gruppen saknar information om vart man vänder sig med synpunkter.", False, "", []),
        ],
    },
]
