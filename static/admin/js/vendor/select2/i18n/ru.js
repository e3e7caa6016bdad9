/* Russian messages for Select2 4.0.13: Django's copy writes a Latin "a" in "символa". */
(function () {
  if (!(window.jQuery && jQuery.fn && jQuery.fn.select2 && jQuery.fn.select2.amd)) return;
  function plural(n, one, few, many) {
    if (n % 10 === 1 && n % 100 !== 11) return one;
    if (n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14)) return few;
    return many;
  }
  jQuery.fn.select2.amd.define("select2/i18n/ru", [], function () {
    return {
      errorLoading: function () { return "Невозможно загрузить результаты"; },
      inputTooLong: function (args) {
        var n = args.input.length - args.maximum;
        return "Удалите " + n + " " + plural(n, "символ", "символа", "символов");
      },
      inputTooShort: function (args) {
        var n = args.minimum - args.input.length;
        return "Введите ещё " + n + " " + plural(n, "символ", "символа", "символов");
      },
      loadingMore: function () { return "Загружаются ещё результаты…"; },
      maximumSelected: function (args) {
        var n = args.maximum;
        return "Можно выбрать не больше " + n + " " + plural(n, "элемент", "элемента", "элементов");
      },
      noResults: function () { return "Совпадений не найдено"; },
      searching: function () { return "Поиск…"; },
      removeAllItems: function () { return "Удалить все элементы"; },
      removeItem: function () { return "Удалить элемент"; },
      search: function () { return "Поиск"; }
    };
  });
})();
