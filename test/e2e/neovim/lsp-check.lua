-- A second real client: Neovim's built-in LSP client (0.7 API) against `node dist/server.js --stdio`.
-- Run by neovim.e2e.test.mjs:
--   SERVER_JS=... HVM_CFG=... EMOJI_CFG=... nvim --headless --clean -c 'luafile lsp-check.lua'
-- Prints "ok - ..." / "not ok - ..." lines and "N failed"; exits non-zero on any failure.
local server, hvm_file, emoji_file = os.getenv('SERVER_JS'), os.getenv('HVM_CFG'), os.getenv('EMOJI_CFG')
local failures = 0
local function out(s) io.stdout:write(s .. '\n') end
local function check(name, ok, detail)
  if ok then out('ok - ' .. name) else failures = failures + 1; out('not ok - ' .. name .. (detail and (': ' .. detail) or '')) end
end

local function find_code(bufnr, code)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code == code) then return d end
  end
  return nil
end

local ok, err = pcall(function()
  local id = vim.lsp.start_client({ name = 'xlcfg', cmd = { 'node', server, '--stdio' }, root_dir = vim.fn.fnamemodify(hvm_file, ':h') })

  vim.cmd('edit ' .. vim.fn.fnameescape(emoji_file))
  local emoji = vim.api.nvim_get_current_buf()
  vim.bo[emoji].filetype = 'xlcfg'
  vim.lsp.buf_attach_client(emoji, id)
  check('diagnostics arrive for the emoji config', vim.wait(10000, function() return find_code(emoji, 'unterminated-string') ~= nil end, 10))
  local d = find_code(emoji, 'unterminated-string')
  local line = vim.api.nvim_buf_get_lines(emoji, 0, 1, false)[1]
  -- Neovim converts the server's UTF-16 columns to byte columns: they must land on the quote.
  local quote = string.find(line, '"console', 1, true) - 1
  check('the unterminated string starts at the quote (byte column ' .. quote .. ')', d and d.lnum == 0 and d.col == quote, d and ('got ' .. d.lnum .. ':' .. d.col) or 'none')
  check('and ends at the end of the line', d and d.end_col == #line, d and ('got end ' .. d.end_col .. ', line has ' .. #line .. ' bytes') or 'none')

  vim.cmd('edit ' .. vim.fn.fnameescape(hvm_file))
  local hvm = vim.api.nvim_get_current_buf()
  vim.bo[hvm].filetype = 'xlcfg'
  vim.lsp.buf_attach_client(hvm, id)
  check('diagnostics arrive for the HVM config', vim.wait(10000, function() return find_code(hvm, 'unterminated-string') ~= nil end, 10))

  vim.api.nvim_win_set_cursor(0, { 4, 2 }) -- inside `memory`
  local res = vim.lsp.buf_request_sync(hvm, 'textDocument/hover', vim.lsp.util.make_position_params(), 5000)
  local text = ''
  for _, r in pairs(res or {}) do if r.result and r.result.contents then text = r.result.contents.value or '' end end
  check('hover on memory has text', text:find('memory', 1, true) ~= nil, text:sub(1, 80))

  local diag = find_code(hvm, 'unterminated-string')
  local params = vim.lsp.util.make_range_params()
  params.range = { start = { line = diag.lnum, character = diag.col }, ['end'] = { line = diag.end_lnum, character = diag.end_col } }
  params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(hvm, diag.lnum) }
  local actions = vim.lsp.buf_request_sync(hvm, 'textDocument/codeAction', params, 5000)
  local applied = false
  for _, r in pairs(actions or {}) do
    for _, a in ipairs(r.result or {}) do
      if a.isPreferred and a.edit and not applied then
        vim.lsp.util.apply_workspace_edit(a.edit, 'utf-16')
        applied = true
      end
    end
  end
  check('a preferred quick fix was offered and applied', applied)
  check('the fix closes the string', vim.api.nvim_buf_get_lines(hvm, 5, 6, false)[1] == 'extra = "console=hvc0"', vim.api.nvim_buf_get_lines(hvm, 5, 6, false)[1])
  check('the diagnostic goes away after the edit', vim.wait(10000, function() return find_code(hvm, 'unterminated-string') == nil end, 10))
  vim.lsp.stop_client(id)
end)
if not ok then failures = failures + 1; out('not ok - lua error: ' .. tostring(err)) end
out(string.format('%d failed', failures))
if failures > 0 then vim.cmd('cquit 1') else vim.cmd('qa!') end
