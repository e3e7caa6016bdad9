/* Belarusian messages for Select2 4.0.13, the admin's autocomplete (Django ships none). */
(function () {
  if (!(window.jQuery && jQuery.fn && jQuery.fn.select2 && jQuery.fn.select2.amd)) return;
  function plural(n, one, few, many) {
    if (n % 10 === 1 && n % 100 !== 11) return one;
    if (n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14)) return few;
    return many;
  }
  jQuery.fn.select2.amd.define("select2/i18n/be", [], function () {
    return {
      errorLoading: function () { return "Не ўдалося загрузіць вынікі"; },
      inputTooLong: function (args) {
        var n = args.input.length - args.maximum;
        return "Выдаліце " + n + " " + plural(n, "сімвал", "сімвалы", "сімвалаў");
      },
      inputTooShort: function (args) {
        var n = args.minimum - args.input.length;
        return "Увядзіце яшчэ " + n + " " + plural(n, "сімвал", "сімвалы", "сімвалаў");
      },
      loadingMore: function () { return "Загружаюцца яшчэ вынікі…"; },
      maximumSelected: function (args) {
        var n = args.maximum;
        return "Можна абраць не больш за " + n + " " + plural(n, "элемент", "элементы", "элементаў");
      },
      noResults: function () { return "Нічога не знойдзена"; },
      searching: function () { return "Пошук…"; },
      removeAllItems: function () { return "Выдаліць усе элементы"; },
      removeItem: function () { return "Выдаліць элемент"; },
      search: function () { return "Пошук"; }
    };
  });
})();
