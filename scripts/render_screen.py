# Draws a terminal capture (text with ANSI colours) as a PNG: render_screen.py CAPTURE OUT.png
import pyte, sys
from PIL import Image, ImageDraw, ImageFont
cols, rows = 120, 35
screen = pyte.Screen(cols, rows)
stream = pyte.Stream(screen)
data = open(sys.argv[1], encoding='utf-8').read().rstrip('\n').replace('\n', '\r\n')
stream.feed(data)
font = ImageFont.truetype('/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf', 16)
bold = ImageFont.truetype('/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf', 16)
cw, ch = 10, 20
bg_default = (30, 30, 36); fg_default = (215, 215, 215)
palette = {'black':(30,30,36),'red':(224,108,117),'green':(152,195,121),'brown':(229,192,123),'yellow':(229,192,123),'blue':(97,175,239),'magenta':(198,120,221),'cyan':(86,182,194),'white':(215,215,215),'default':None}
xterm = [(0,0,0),(205,49,49),(13,188,121),(229,229,16),(36,114,200),(188,63,188),(17,168,205),(229,229,229),(102,102,102),(241,76,76),(35,209,139),(245,245,67),(59,142,234),(214,112,214),(41,184,219),(255,255,255)]
named = {0:(30,30,36),1:(224,108,117),2:(152,195,121),3:(229,192,123),4:(97,175,239),5:(198,120,221),6:(86,182,194),7:(171,178,191),8:(110,115,125)}
def color(c, default):
    if c == 'default': return default
    if c in palette and palette[c]: return palette[c]
    try:
        v = int(c, 16); return ((v>>16)&255, (v>>8)&255, v&255)
    except Exception: return default
img = Image.new('RGB', (cols*cw+20, rows*ch+20), bg_default)
d = ImageDraw.Draw(img)
for y in range(rows):
    line = screen.buffer[y]
    for x in range(cols):
        c = line[x]
        fg = color(c.fg, fg_default); bg = color(c.bg, bg_default)
        if c.reverse: fg, bg = bg, fg
        px, py = 10 + x*cw, 10 + y*ch
        if bg != bg_default: d.rectangle([px, py, px+cw-1, py+ch-1], fill=bg)
        if c.data.strip():
            d.text((px, py+1), c.data, font=bold if c.bold else font, fill=fg)
        if c.underscore: d.line([px, py+ch-2, px+cw-1, py+ch-2], fill=fg)
img.save(sys.argv[2])
