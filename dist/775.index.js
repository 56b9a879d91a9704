export const id = 775;
export const ids = [775];
export const modules = {

/***/ 8775:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createPublisher: () => (/* binding */ createPublisher)
/* harmony export */ });
// Placeholder until the GitHub issue lands: reads nothing, writes nothing.
function createPublisher(opts) {
    return {
        async resolveAuthors() {
            return {};
        },
        async apply(reports, _ctx) {
            opts.info(`(GitHub publishing not implemented yet; ${reports.length} report(s) not filed)`);
            return { issues: [], requests: 0 };
        },
    };
}


/***/ })

};
