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
