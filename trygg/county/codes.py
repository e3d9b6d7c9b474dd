"""The county's code list: the categories every municipality maps its own report categories to,
so that counts from municipalities with different category trees can stand side by side."""

COUNTY_CODES: tuple[tuple[str, str], ...] = (
    ("skadegorelse", "Skadegörelse och klotter"),
    ("stold", "Stöld och inbrott"),
    ("vald", "Våld och hot"),
    ("narkotika", "Narkotika"),
    ("ordning", "Ordningsstörning"),
    ("trafik", "Trafik"),
    ("brand", "Brand"),
    ("otrygghet", "Otrygg plats"),
    ("ovrigt", "Övrigt"),
)
CODE_LABELS = dict(COUNTY_CODES)
# A category nobody has mapped is counted here rather than left out, so totals agree.
UNMAPPED = "ovrigt"
SUPPRESS_BELOW = 5
SUPPRESSED = "<5"
