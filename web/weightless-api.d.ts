// TypeScript declarations of the Weightless JavaScript API (src/bindings/js/weightless_api.cpp), written by hand:
// Emscripten 3.1.6 cannot emit them. scripts/build-web.sh copies this file into dist/ twice, as
// weightless-api.d.ts (for weightless-api.js) and weightless-api.d.mts (for the ES module weightless-api.mjs);
// scripts/api-test.sh checks that it names exactly the methods the bindings register (web/api-dts-test.js) and
// type-checks web/api-example.mts against it with `tsc --strict`. Every change to the bindings updates it.
//
// Every method throws a JavaScript Error with the core's message on bad input, and a failed call changes nothing.
// Numbers that name things (movie ids, users, counts) must be whole numbers from 0 to 4294967295 (n of search: from
// 1); anything else is refused, never rounded.

/** What createWeightless accepts (Emscripten's module options; these are the ones the API is used with). */
export interface WeightlessOptions {
  /** The bytes of weightless-api.wasm. Under node pass them (node's fetch cannot read files). */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Where to fetch weightless-api.wasm from in a browser (default: beside the .js / .mjs). */
  locateFile?: (path: string, scriptDirectory: string) => string;
  /** Called once the wasm is ready, before the promise resolves. */
  onRuntimeInitialized?: () => void;
  print?: (text: string) => void;
  printErr?: (text: string) => void;
}

/** Methods every object made in wasm memory has (embind). */
export interface WasmObject {
  /** Frees the object's wasm memory; it cannot be used afterwards. */
  delete(): void;
  isDeleted(): boolean;
  /** Another handle to the same object (each handle is deleted on its own). */
  clone(): this;
  isAliasOf(other: WasmObject): boolean;
}

/** A movie as search results and recommendations describe it. */
export interface MovieEntry {
  /** MovieLens movieId. */
  movieId: number;
  /** The catalogue's title, as `Catalogue.title()` gives it: "Matrix, The (1999)". */
  title: string;
  /** Release year; null when the catalogue does not know it. */
  year: number | null;
  /** The dataset's genre labels ("Comedy", "Romance", ...); [] for MovieLens' "(no genres listed)". */
  genres: string[];
}

/** One of the user's rated movies behind a recommendation. */
export interface Reason {
  movieId: number;
  title: string;
  /** How strongly it speaks for the movie: shared RAM cells (WNNs), shared input bits (wnn-rank, wnn-blend), weights (ease). */
  strength: number;
  /** The same number under the name of earlier releases. */
  cells: number;
}

/** What `Recommender.recommend` may list, beyond movies the user has not rated. */
export interface RecommendOptions {
  /** Only movies with at least one of these genres (the catalogue's labels, any case). */
  genres?: string[];
  /** No movie with any of these genres. */
  excludeGenres?: string[];
  /** Only movies from this year on; with either year set, movies of unknown year are left out. */
  yearFrom?: number;
  /** Only movies up to this year. */
  yearTo?: number;
  /** Rank only these movies (a watchlist, say); `[]` ranks none. */
  only?: number[];
}

/** An entry of `Recommender.recommend`. */
export interface RecommendEntry extends MovieEntry {
  /** Predicted stars (0.5 to 5). */
  stars: number;
  /** The list's ranking score (its scale depends on the model). */
  score: number;
  /** The model's reasons (strength > 0), as it orders them; empty when it gives none. */
  why: Reason[];
}

/** A movie catalogue (a .wlds file), optionally with its public item model (a .wlim file of EASE weights). */
export interface Catalogue extends WasmObject {
  hasItemModel(): boolean;
  name(): string;
  numItems(): number;
  numUsers(): number;
  numRatings(): number;
  /** False for anything that is not a movie id of this catalogue (never throws). */
  hasMovie(movieId: number): boolean;
  title(movieId: number): string;
  /**
   * The app's search: words matched ignoring accents and case ("amelie" finds "Amélie"), titles starting with the
   * text first, then the most rated. At most `n` (≥ 1) entries; "" lists the catalogue, most rated first. Text over
   * 1000 bytes (UTF-8) is refused.
   */
  search(text: string, n: number): MovieEntry[];
  /**
   * Reads a person's export file as the app's import preview: IMDb's "Your ratings" (any site language: the IMDb id
   * decides what is a film) and watchlist, Letterboxd's ratings.csv, diary.csv, watched.csv and watchlist.csv,
   * MovieLens' ratings export, the app's own CSV export; "," or a spreadsheet's ";" / tab; UTF-8 (with or without a
   * BOM), or Windows-1252 bytes (then `windows1252` is true). Each row is matched to this catalogue: by id where the
   * file has one, else by title and year. Nothing is learned: teach the rows you accept with `Recommender.learn`.
   * `fileName` only tells a Letterboxd watchlist.csv (a name containing "watchlist") from its watched.csv, whose
   * columns are the same; without it such rows are "seen". Throws the app's message for a file that is not such an
   * export, broken quoting, UTF-16, more than 32 MB, or a file without a single film.
   */
  readHistory(bytes: Uint8Array, fileName?: string): HistoryPreview;
}

/** How a row of a history file was matched to the catalogue. */
export type HistoryMatch =
  /** By id, or by title with the same year: `movieId` is the film. */
  | "exact"
  /** By title with the years one apart (or the file gives none): `movieId` is the film; worth a look. */
  | "year-off"
  /** Several films fit: `movieId` is null, `candidates` lists them for the person to choose. */
  | "ambiguous"
  /** No film of this catalogue fits. */
  | "unmatched";

/** A row of a history file, as `Catalogue.readHistory` reads it. */
export interface HistoryRow {
  /** The title as the file writes it. */
  title: string;
  /** The year the file gives; null when none. */
  year: number | null;
  /** The person's stars (0.5 to 5; IMDb's 1-10 as half stars); null for a row without a rating. */
  stars: number | null;
  /**
   * "rating": a row with stars. A row without stars is a mark: "seen" (watched.csv, a diary entry logged unrated)
   * or "watchlist" (a watchlist file): the preview's `marks`.
   */
  kind: "rating" | "seen" | "watchlist";
  match: HistoryMatch;
  /** The matched film's MovieLens id for "exact" and "year-off"; null otherwise. */
  movieId: number | null;
  /** Every film that fits: one for "exact" / "year-off", two or more for "ambiguous", none for "unmatched". */
  candidates: number[];
  /** The line of the file the row starts on. */
  line: number;
}

/** What `Catalogue.readHistory` returns. */
export interface HistoryPreview {
  /** "IMDb", "IMDb watchlist", "Letterboxd", "Letterboxd watched / watchlist", "MovieLens", "Letterboxd import CSV",
   *  "Letterboxd list-import CSV". */
  format: string;
  /** What the rows without stars mark. */
  marks: "seen" | "watchlist";
  /** The file was not UTF-8 and was read as Windows-1252. */
  windows1252: boolean;
  /** Every row of a film, in file order. */
  rows: HistoryRow[];
  /** IMDb rows that are not films (series, episodes, games, shorts the catalogue lacks, ...). */
  notMovies: number;
  /** Rows without a rating (they are in `rows`, as marks). */
  unrated: number;
  /** Rows skipped: a wrong number of fields or a bad value. */
  malformed: number;
  /** The first few malformed rows, "line 7: Your Rating '11' is not 1..10". */
  problems: string[];
}

export interface CatalogueClass extends Function {
  /** Reads a .wlds catalogue. */
  fromBytes(bytes: Uint8Array): Catalogue;
  /** A catalogue with its public item model, which ease, wnn-rank and wnn-blend then use instead of fitting EASE. */
  withItemModel(bytes: Uint8Array, itemModel: Uint8Array): Catalogue;
  readonly prototype: Catalogue;
}

/** A model (any spec the CLI knows) fitted on a catalogue's ratings, serving users made by `newUser()`. */
export interface Recommender extends WasmObject {
  name(): string;
  /** The model's parameters as text ("key=value ..."). */
  config(): string;
  canForget(): boolean;
  memoryBytes(): number;
  /** A user index of one's own (after the catalogue's users). */
  newUser(): number;
  /** Teaches one rating: stars 0.5, 1, ... 5; a movie already rated must be forgotten first. */
  learn(user: number, movieId: number, stars: number): void;
  /** Undoes `learn` exactly. */
  forget(user: number, movieId: number): void;
  /** Predicted stars. */
  predict(user: number, movieId: number): number;
  /**
   * The top `n` movies the user has not rated, among those with at least `minVotes` community ratings that
   * `options` admits (omitted: every one). Throws on an unknown option, genre or movie id, or a bad year.
   */
  recommend(user: number, n: number, minVotes: number, options?: RecommendOptions): RecommendEntry[];
  /** The whole state (model, users, their rated movies) as bytes. */
  save(): Uint8Array;
  /**
   * Replaces the state by bytes saved from a recommender of the same spec. A file saved on another catalogue (or by
   * a release before files named theirs) is rebuilt from its ratings; ratings of movies this catalogue lacks are
   * kept aside (see `aside`) and saved again.
   */
  load(bytes: Uint8Array): void;
  /** The user's ratings, loaded from another catalogue's file, of movies this catalogue lacks. */
  aside(user: number): AsideRating[];
}

/** A rating kept aside: a movie the catalogue lacks. */
export interface AsideRating {
  movieId: number;
  stars: number;
}

export interface RecommenderClass extends Function {
  /** `spec` as in the CLI: "wnn-best", "wnn-best:tuple_size=8", "bias", ... */
  new (catalogue: Catalogue, spec: string): Recommender;
  readonly prototype: Recommender;
}

/** What `await createWeightless()` gives. */
export interface Weightless {
  Catalogue: CatalogueClass;
  Recommender: RecommenderClass;
  /** Bytes of wasm heap in use: compare before and after to see that objects were deleted. */
  heapBytesInUse(): number;
  /** The model names a spec may start with. */
  modelNames(): string[];
}

/** Loads the wasm and resolves to the API. */
declare function createWeightless(options?: WeightlessOptions): Promise<Weightless>;
export default createWeightless;
