// clv strings (en). Keys are prefixed 'clv.'; merged into the main table by ./index.js.
export default {
};
