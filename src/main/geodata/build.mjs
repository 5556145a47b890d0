// Builds ../resources/geocoding/countries.tsv.gz, the data of content_guessing's geocoding by
// country: Natural Earth's 1:50m admin-0 boundaries (public domain, through world-atlas) and
// every country's names in every language of i18n-iso-countries (MIT).
//   npm ci && node build.mjs
// Lines (tab-separated, UTF-8): "C alpha2 alpha3 numeric WKT" for each country with a boundary,
// then "N alpha2 name" for each of its names; the service normalises the names itself.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { createRequire } from "node:module";
import { feature } from "topojson-client";

const require = createRequire(import.meta.url);
const topology = require("world-atlas/countries-50m.json");
const codes = require("i18n-iso-countries/codes.json");
const langsDir = new URL("./node_modules/i18n-iso-countries/langs/", import.meta.url);

// Names CARTO's users write that no language file lists.
const EXTRA = {
  NL: ["Holland", "The Netherlands"],
  GB: ["UK", "U.K.", "Great Britain", "Britain", "England", "Scotland", "Wales", "Northern Ireland"],
  US: ["USA", "U.S.A.", "US", "U.S.", "America", "United States"],
  CI: ["Ivory Coast", "Cote d'Ivoire"],
  CZ: ["Czech Republic", "Czechia"],
  MM: ["Burma"],
  KR: ["South Korea", "Korea, South", "Republic of Korea"],
  KP: ["North Korea", "Korea, North"],
  RU: ["Russia"],
  VA: ["Vatican", "Vatican City", "Holy See"],
  SZ: ["Swaziland", "Eswatini"],
  MK: ["Macedonia", "North Macedonia"],
  CV: ["Cape Verde", "Cabo Verde"],
  TL: ["East Timor", "Timor-Leste"],
  CD: ["DR Congo", "DRC", "Congo-Kinshasa", "Democratic Republic of the Congo"],
  CG: ["Congo-Brazzaville", "Republic of the Congo"],
};

const byNumeric = new Map(codes.map(([a2, a3, num]) => [num, { a2, a3, num }]));
const round = (c) => Math.round(c * 1e5) / 1e5;
const ring = (r) => "(" + r.map(([x, y]) => round(x) + " " + round(y)).join(", ") + ")";
const polygon = (p) => "(" + p.map(ring).join(", ") + ")";
function wkt(g) {
  if (g.type === "Polygon") return "MULTIPOLYGON(" + polygon(g.coordinates) + ")";
  if (g.type === "MultiPolygon") return "MULTIPOLYGON(" + g.coordinates.map(polygon).join(", ") + ")";
  throw new Error("unexpected geometry " + g.type);
}

const lines = [];
const countries = [];
for (const f of feature(topology, topology.objects.countries).features) {
  const c = f.id === undefined ? undefined : byNumeric.get(f.id);
  if (!c || !f.geometry) continue; // territories without an ISO code (Kosovo, N. Cyprus, ...)
  countries.push(c);
  lines.push(["C", c.a2, c.a3, c.num, wkt(f.geometry)].join("\t"));
}
// English first: where two languages give one name to two countries, English wins.
const langs = JSON.parse(readFileSync(new URL("../supportedLocales.json", langsDir)))
  .sort((a, b) => (a === "en" ? -1 : b === "en" ? 1 : a.localeCompare(b)));
for (const c of countries) {
  const names = new Set(EXTRA[c.a2] ?? []);
  for (const lang of langs) {
    const value = JSON.parse(readFileSync(new URL(lang + ".json", langsDir))).countries[c.a2];
    for (const name of [value ?? []].flat()) names.add(name);
  }
  for (const name of names) lines.push(["N", c.a2, name.replace(/[\t\n]/g, " ")].join("\t"));
}
const out = new URL("../resources/geocoding/", import.meta.url);
mkdirSync(out, { recursive: true });
writeFileSync(new URL("countries.tsv.gz", out), gzipSync(lines.join("\n") + "\n", { level: 9 }));
console.log(`countries.tsv.gz: ${countries.length} countries, ${lines.length - countries.length} names`);
