// The SDK's npm entry also carries its Node host (createNodeHost, setImmediateSettle), which the
// renderer bundles but never calls (the engine checks `typeof setImmediate` before using it).
// Declaring the one Node global it names lets the DOM-only type-check cover the engine as well.
declare function setImmediate(callback: () => void): unknown;
