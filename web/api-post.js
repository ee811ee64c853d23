// Linked into weightless-api.js with --post-js: turns the core's parked errors into thrown JavaScript Errors.
// The C++ bindings never throw (a JS exception unwinding through wasm frames would skip C++ destructors and leak):
// a failed call parks its message and returns a neutral value; every binding is wrapped here to throw it instead.
// An object whose construction failed (new Recommender, Catalogue.fromBytes) is deleted before the throw.
(function () {
  // onRuntimeInitialized runs once the wasm's static constructors have registered the embind classes, and before
  // any `await createWeightless()` resumes; a caller's own onRuntimeInitialized still runs, after the wrapping.
  const callersInit = Module["onRuntimeInitialized"];
  Module["onRuntimeInitialized"] = () => {
    wrapWeightlessApi();
    if (callersInit) callersInit.call(Module);
  };

  function wrapWeightlessApi() {
    const takeError = Module["_wlTakeError"];  // null, or the last call's message (then cleared)
    delete Module["_wlTakeError"];

    // The raw call's result, or the parked message as an Error (a half-made object is freed first).
    const check = result => {
      const message = takeError();
      if (message === null) return result;
      if (result && typeof result["delete"] === "function") result["delete"]();
      throw new Error(message);
    };
    const guard = fn => {
      const guarded = function (...args) {
        return check(fn.apply(this, args));
      };
      // An overloaded binding (readHistory(bytes) and readHistory(bytes, fileName)) is embind's dispatcher, which
      // finds the overload through its own property: the wrapper must carry it.
      if (fn.overloadTable) guarded.overloadTable = fn.overloadTable;
      return guarded;
    };

    // Methods are wrapped on the shared prototype, so objects the core returns are covered too; the class itself
    // is replaced by a constructor that checks (same prototype: instanceof keeps working).
    const wrapClass = name => {
      const Raw = Module[name];
      const proto = Raw.prototype;
      for (const key of Object.getOwnPropertyNames(proto))
        if (key !== "constructor" && typeof proto[key] === "function") proto[key] = guard(proto[key]);
      function Wrapped(...args) {
        if (!new.target) throw new TypeError("Use 'new' to construct " + name);
        return check(new Raw(...args));
      }
      Object.defineProperty(Wrapped, "name", { value: name });
      Wrapped.prototype = proto;
      for (const key of Object.getOwnPropertyNames(Raw))
        if (typeof Raw[key] === "function") Wrapped[key] = guard(Raw[key]);  // class functions (fromBytes)
      Module[name] = Wrapped;
    };

    wrapClass("Catalogue");
    wrapClass("Recommender");
    // recommend's options are optional; embind counts arguments exactly, so three become four.
    const recommend = Module["Recommender"].prototype["recommend"];
    Module["Recommender"].prototype["recommend"] = function (...args) {
      if (args.length === 3) args.push(undefined);
      return recommend.apply(this, args);
    };
    Module["modelNames"] = guard(Module["modelNames"]);
  }
})();
