/* Material's palette script (partials/javascripts/palette.html of mkdocs-material
   9.8.1), byte for byte: it applies the palette the reader chose, before the page
   is painted.  Material prints it inline in every page; overrides/partials/
   javascripts/palette.html loads it from here instead, at the same place and
   just as synchronously, so the browser (and the service worker) keeps one copy.
   tests/test_page_size.py checks that it is still Material's script. */
var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"===palette.color.media){var media=matchMedia("(prefers-color-scheme: light)"),input=document.querySelector(media.matches?"[data-md-color-media='(prefers-color-scheme: light)']":"[data-md-color-media='(prefers-color-scheme: dark)']");palette.color.media=input.getAttribute("data-md-color-media"),palette.color.scheme=input.getAttribute("data-md-color-scheme"),palette.color.primary=input.getAttribute("data-md-color-primary"),palette.color.accent=input.getAttribute("data-md-color-accent")}for(var[key,value]of Object.entries(palette.color))document.body.setAttribute("data-md-color-"+key,value)}
