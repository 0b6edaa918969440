// basket strings (en). Keys are prefixed 'basket.'; merged into the main table by ./index.js.
export default {
};
