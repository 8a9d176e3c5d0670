/** The growth plan's content labels: how each label's videos do, and labelling a video by hand. */
import { api, type GrowthPlanResponse, type LabelStat } from "../api";
import { h } from "../dom";
import { formatDate } from "../format";
import { messageOf, range } from "../growth-text";

export function labelsCard(data: GrowthPlanResponse, account: string, reload: () => void): HTMLElement {
  const status = h("p", { class: "form-status muted", role: "status" });
  const video = h(
    "select",
    { id: "label-video", name: "video" },
    data.videos.map((v) =>
      h("option", { value: v.id }, `${(v.title ?? "Untitled").slice(0, 50)} · ${formatDate(v.created_at)}`),
    ),
  );
  const name = h("input", { id: "label-name", name: "label", required: true, maxlength: 40, placeholder: "collab" });
  const form = h(
    "form",
    { class: "inline-form", id: "label-form" },
    h("div", { class: "field field-wide" }, h("label", { for: "label-video" }, "Video"), video),
    h("div", { class: "field" }, h("label", { for: "label-name" }, "Label"), name),
    h("button", { class: "button button-small button-primary", type: "submit" }, "Add label"),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    status.textContent = "Saving…";
    try {
      await api.addLabel(account, video.value, name.value);
      reload();
    } catch (error) {
      status.textContent = messageOf(error, "Adding the label didn’t work; please try again.");
    }
  });
  const effect = (e: LabelStat["h24"]) => (e ? range(e) : "—");
  const manual = data.videos.flatMap((v) => v.manual_labels.map((l) => ({ video: v, label: l })));
  return h(
    "section",
    { class: "card growth-card", "aria-labelledby": "labels-title", id: "labels" },
    h("div", { class: "card-head" }, h("h2", { id: "labels-title" }, "Content labels")),
    h(
      "p",
      { class: "muted" },
      "How each label’s videos did against your other videos, at the same age and against your trend (90% intervals).",
    ),
    data.plan.labels.length
      ? h(
          "div",
          { class: "table-scroll" },
          h(
            "table",
            { class: "label-table" },
            h(
              "thead",
              null,
              h(
                "tr",
                null,
                h("th", { scope: "col" }, "Label"),
                h("th", { scope: "col" }, "Videos"),
                h("th", { scope: "col" }, "At 24 h"),
                h("th", { scope: "col" }, "At 7 days"),
              ),
            ),
            h(
              "tbody",
              null,
              data.plan.labels.map((l) =>
                h(
                  "tr",
                  { "data-label": l.key },
                  h("th", { scope: "row" }, l.name, l.kind === "manual" ? h("span", { class: "tag" }, "yours") : null),
                  h("td", null, String(l.videos)),
                  l.h24 ? h("td", null, effect(l.h24)) : h("td", { class: "muted", colspan: 2 }, l.note ?? "—"),
                  l.h24 ? h("td", null, effect(l.d7)) : null,
                ),
              ),
            ),
          ),
        )
      : h("p", { class: "empty muted" }, "Labels appear with your first videos."),
    h("h3", null, "Your own labels"),
    manual.length
      ? h(
          "ul",
          { class: "manual-labels" },
          manual.map(({ video: v, label }) => {
            const remove = h(
              "button",
              {
                class: "button button-small",
                type: "button",
                "aria-label": `Remove ${label} from ${v.title ?? "video"}`,
              },
              "Remove",
            );
            remove.addEventListener("click", async () => {
              remove.disabled = true;
              await api.removeLabel(account, v.id, label).catch(() => undefined);
              reload();
            });
            return h(
              "li",
              { "data-manual-label": label },
              h("span", { class: "tag" }, label),
              ` ${(v.title ?? "Untitled").slice(0, 50)} `,
              remove,
            );
          }),
        )
      : null,
    data.videos.length ? form : null,
    status,
  );
}
