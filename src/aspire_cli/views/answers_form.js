"use strict";
// The employee's answers as the TOML file `aspire talk --answers` reads (written by answers_form.py,
// which puts the form's own data after `const FORM =`): empty answers left out, every action with
// a measure, saved as a download and shown to copy. Nothing is sent anywhere.
const FORM = __FORM__;
const ESCAPES = new Map([['"', '\\"'], ["\\", "\\\\"], ["\b", "\\b"], ["\t", "\\t"], ["\n", "\\n"],
  ["\f", "\\f"], ["\r", "\\r"]]);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
let unsaved = false;

function tomlString(text) {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0);
    if (ESCAPES.has(char)) out += ESCAPES.get(char);
    else if (code < 0x20 || code === 0x7f) out += "\\u" + code.toString(16).toUpperCase().padStart(4, "0");
    else if (code >= 0xd800 && code <= 0xdfff) out += "\ufffd"; // a lone surrogate has no UTF-8 form
    else out += char;
  }
  return '"' + out + '"';
}

const blank = (text) => text.trim() === "";
const part = (row, name) => row.querySelector(`[data-part="${name}"]`);
const rowsOf = (question) => [...document.getElementById(`q-${question.id}-rows`).children];

function answerOf(question) {
  if (question.kind === "choice") {
    const checked = document.querySelector(`input[name="q-${question.id}"]:checked`);
    return checked && checked.value !== "" ? question.choices[Number(checked.value)] : null;
  }
  const value = document.getElementById(`q-${question.id}`).value;
  return blank(value) ? null : value;
}

function actionTables(question, problems) {
  const tables = [];
  rowsOf(question).forEach((row, index) => {
    const [action, measure, due] = ["action", "measure", "due"].map((name) => part(row, name));
    const which = `Question ${question.number}, action ${index + 1}`;
    if (blank(action.value) && blank(measure.value) && due.value === "" && !due.validity.badInput) return;
    if (blank(action.value)) problems.push([action, `${which}: say what you will do, or clear the row.`]);
    if (blank(measure.value)) {
      problems.push([measure, `${which}: say how you will tell it worked (each action needs a measure).`]);
    }
    if (due.validity.badInput || (due.value !== "" && !ISO_DATE.test(due.value))) {
      problems.push([due, `${which}: the due date is not a whole date; complete it or clear it.`]);
    } else if (due.value !== "" && due.value < FORM.sent) {
      problems.push([due, `${which}: the due date is before ${FORM.sent}; choose a later one or none.`]);
    }
    const dueLine = due.value === "" ? "" : `due = ${due.value}\n`;
    tables.push(`[[${question.id}]]\naction = ${tomlString(action.value)}\n`
      + `measure = ${tomlString(measure.value)}\n${dueLine}`);
  });
  return tables;
}

function answersText() {
  const keys = [];
  const tables = [];
  const problems = [];
  for (const question of FORM.questions) {
    if (question.kind === "actions") {
      tables.push(...actionTables(question, problems));
    } else {
      const answer = answerOf(question);
      if (answer !== null) keys.push(`${question.id} = ${tomlString(answer)}\n`);
    }
  }
  const text = [keys.join(""), ...tables, FORM.form].filter((part) => part !== "").join("\n");
  return {text, problems};
}

function showProblems(problems) {
  const box = document.getElementById("problems");
  const list = document.createElement("ul");
  for (const [field, message] of problems) {
    const item = document.createElement("li");
    item.textContent = message;
    list.append(item);
    const beside = document.createElement("p"); // the same, under the field, where the focus goes
    beside.className = "problem";
    beside.id = `${field.id}-problem`;
    beside.textContent = message;
    field.after(beside);
    field.setAttribute("aria-invalid", "true");
    field.setAttribute("aria-describedby", beside.id);
  }
  const heading = document.createElement("p");
  heading.textContent = "Not saved yet:";
  box.replaceChildren(heading, list);
  problems[0][0].focus();
}

function save() {
  for (const field of document.querySelectorAll("[aria-invalid]")) {
    field.removeAttribute("aria-invalid");
    field.removeAttribute("aria-describedby");
  }
  for (const problem of document.querySelectorAll(".problem")) problem.remove();
  document.getElementById("problems").replaceChildren();
  const {text, problems} = answersText();
  if (problems.length > 0) {
    document.getElementById("status").textContent = "";
    showProblems(problems);
    return;
  }
  const url = URL.createObjectURL(new Blob([text], {type: "application/toml"}));
  const link = document.createElement("a");
  link.href = url;
  link.download = FORM.file;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  document.getElementById("copy").value = text;
  document.getElementById("saved").hidden = false;
  document.getElementById("status").textContent = `Saved as ${FORM.file} (look in your Downloads `
    + "folder). Send that file to your leader. If you change an answer, save again.";
  unsaved = false;
}

function addRow(button) {
  const rows = document.getElementById(button.getAttribute("aria-controls"));
  const row = rows.lastElementChild.cloneNode(true);
  const number = rows.children.length + 1;
  const renumber = (id) => id.replace(/-\d+-(action|measure|due)$/, `-${number}-$1`);
  for (const problem of row.querySelectorAll(".problem")) problem.remove();
  for (const field of row.querySelectorAll("input")) {
    field.id = renumber(field.id);
    field.value = "";
    field.removeAttribute("aria-invalid");
    field.removeAttribute("aria-describedby");
  }
  for (const label of row.querySelectorAll("label")) label.htmlFor = renumber(label.htmlFor);
  row.querySelector("legend").textContent = `Action ${number}`;
  rows.append(row);
  part(row, "action").focus();
}

const changed = (event) => {
  if (event.target.id !== "copy") unsaved = true;
};
document.addEventListener("input", changed);
document.addEventListener("change", changed);
window.addEventListener("beforeunload", (event) => {
  if (unsaved) {
    event.preventDefault();
    event.returnValue = "";
  }
});
document.getElementById("save").addEventListener("click", save);
for (const button of document.querySelectorAll("button.add")) {
  button.addEventListener("click", () => addRow(button));
}
document.getElementById("copy").addEventListener("focus", (event) => event.target.select());
