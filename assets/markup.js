/* Written-out Dash components drawn as plain elements, by one component
   (dashboard/web/markup.py says why). */
(function () {
    "use strict";
    const h = window.React.createElement;
    const TAGS = { MapEl: "map", ObjectEl: "object" };
    // Dash's own properties, never attributes of the element (static_html.py SKIPPED);
    // nor markup from a string, which nothing here sends.
    const DASH_ONLY = new Set([
        "children", "id", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "loading_state",
        "dangerouslySetInnerHTML",
    ]);
    // Addresses a link may have (Dash's html.A refuses javascript: ones; so does this).
    const SAFE_ADDRESS = /^(https?:|#|\/)/i;
    // Clicks picked on this page, so each pick is a new value, however fast they come.
    let picks = 0;

    function draw(node, marks, key) {
        if (node === null || node === undefined) { return null; }
        if (Array.isArray(node)) { return node.map((child, i) => draw(child, marks, i)); }
        if (typeof node !== "object") { return node; }
        const props = node.props || {};
        // A card keeps its element when the cards around it change (with it, which of
        // its <details> the visitor opened), as Dash keys a component by its id.
        const attributes = { key: props["data-mark"] || props.id || key };
        for (const name in props) {
            const value = props[name];
            if (DASH_ONLY.has(name) || value === null || value === undefined) { continue; }
            if (name === "href" && !SAFE_ADDRESS.test(value)) { continue; }
            attributes[name] = value;
        }
        if (typeof props.id === "string") { attributes.id = props.id; }
        marked(attributes, marks);
        const tag = TAGS[node.type] || node.type.toLowerCase();
        return h(tag, attributes, draw(props.children, marks));
    }

    function marked(attributes, marks) {
        const pick = attributes["data-pick"], mark = attributes["data-mark"];
        if (pick !== undefined) {
            attributes.onClick = () => marks.pick(pick);
            if (marks.pressed !== undefined) {
                attributes["aria-pressed"] = String(pick === marks.pressed);
            }
        }
        if (mark !== undefined && marks.pressed !== undefined) {
            const classes = (attributes.className || "").split(" ").filter(c => c && c !== "focused");
            if (mark === marks.pressed) { classes.push("focused"); }
            attributes.className = classes.join(" ");
        }
    }

    function Markup(props) {
        const { id, tag, className, content, pressed, setProps } = props;
        const marks = {
            pressed,
            pick: value => setProps({ picked: { value, n: ++picks } }),
        };
        return h(tag, { id, className }, draw(content, marks));
    }

    window.partner_map = Object.assign(window.partner_map || {}, { Markup });
})();
