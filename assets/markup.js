/* Written-out Dash components drawn as plain elements, by one component
   (dashboard/web/markup.py says why). */
(function () {
    "use strict";
    const h = window.React.createElement;
    const TAGS = { MapEl: "map", ObjectEl: "object" };
    // Dash's own properties, never attributes of the element (static_html.py SKIPPED).
    const DASH_ONLY = new Set([
        "children", "id", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "loading_state",
    ]);

    function draw(node, marks, key) {
        if (node === null || node === undefined) { return null; }
        if (Array.isArray(node)) { return node.map((child, i) => draw(child, marks, i)); }
        if (typeof node !== "object") { return node; }
        const props = node.props || {};
        const attributes = { key };
        for (const name in props) {
            if (!DASH_ONLY.has(name) && props[name] !== null && props[name] !== undefined) {
                attributes[name] = props[name];
            }
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
        const { id, tag, className, content, pressed, picked, setProps } = props;
        const marks = {
            pressed,
            pick: value => setProps({ picked: { value, n: ((picked && picked.n) || 0) + 1 } }),
        };
        return h(tag || "div", { id, className }, draw(content, marks));
    }

    window.partner_map = Object.assign(window.partner_map || {}, { Markup });
})();
