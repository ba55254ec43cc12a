/* Material's head script (partials/javascripts/base.html of mkdocs-material 9.8.1):
   __md_scope, the address under which Material keeps the reader's choices (the
   palette) in localStorage, and the functions that read and write them.  Material
   prints it inline in every page with the scope written as the page's way up to
   the site root; here the same root is this file's way up ("../.." from
   assets/javascripts/), so one file serves every page.  Loaded from
   overrides/partials/javascripts/base.html, in the head, synchronously, like the
   inline one; tests/test_page_size.py checks that the rest is Material's code. */
__md_scope=new URL("../..",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
