export const id = 32;
export const ids = [32];
export const modules = {

/***/ 5032:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runCommand: () => (/* binding */ runCommand)
/* harmony export */ });
// Placeholder: the flaky-aware `run` command lands with the git issue.
async function runCommand(_argv) {
    process.stderr.write('bisect-report run: not implemented yet\n');
    return 128;
}


/***/ })

};
