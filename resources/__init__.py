"""The bundled resources, shipped as package data: content/ (the packet's programs, prices, rates
and text per language), fonts/ (with their licences) and brand/.

Read them through app/paths.py (`resources_dir`, `content_dir`, `fonts_dir`, `brand_logo_path`),
never by a path built from a source file's location: installed from a wheel there is no checkout.
"""
